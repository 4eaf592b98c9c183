import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHardCodedText, scanComponents } from './hard-coded-text.ts';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('hard-coded text', () => {
  it('finds none in the dashboard: every word a person reads comes from a catalogue', () => {
    expect(scanComponents(src)).toEqual([]);
  });

  it('catches text in JSX and in attributes people read or hear', () => {
    const hits = findHardCodedText(
      'sample.tsx',
      `export const A = () => (
        <div title="Open it" data-id="ok">
          Sign in
          <input placeholder="Your name" className="text-left" />
          <img alt={'A photo'} aria-label={\`Remove \${name}\`} />
          {'Loose words'}
          <button onClick={() => toast.success(\`\${name} was saved.\`)} />
        </div>
      );`,
    );
    expect(hits.map((h) => h.text)).toEqual([
      'Open it',
      'Sign in',
      'Your name',
      'A photo',
      'Remove',
      'Loose words',
      'was saved.',
    ]);
  });

  it('lets brand names, symbols, numbers and example addresses through', () => {
    const hits = findHardCodedText(
      'sample.tsx',
      `export const B = () => (
        <p title="WhatsApp">
          Switchboard · {count} / 100 — QR
          <input placeholder="https://example.com/hooks" />
          <input placeholder="+49 151 23456789" />
        </p>
      );`,
    );
    expect(hits).toEqual([]);
  });
});
