import { describe, expect, it } from 'vitest';
import {
  missingVariables,
  renderTemplate,
  templateProblem,
  templateVariables,
  variableKey,
} from './template.ts';

describe('templates', () => {
  it('fills variables by loose name and falls back when a recipient has no value', () => {
    const text = 'Hi {{ Name | there }}, your order {{order-id}} ships to {{City}}.';
    expect(renderTemplate(text, { name: 'Ana', order_id: 'A-17', city: 'Porto' })).toBe(
      'Hi Ana, your order A-17 ships to Porto.',
    );
    expect(renderTemplate(text, { order_id: 'A-18', city: 'Lyon' })).toBe(
      'Hi there, your order A-18 ships to Lyon.',
    );
  });

  it('leaves no stray spaces where a value without fallback is missing', () => {
    expect(renderTemplate('Hi {{name}}, welcome', {})).toBe('Hi, welcome');
    expect(renderTemplate('Hello {{name}} and welcome', {})).toBe('Hello and welcome');
    expect(renderTemplate('Keep  two  spaces {{x}}!', {})).toBe('Keep  two  spaces!');
  });

  it('lists the variables used and those a recipient lacks', () => {
    expect(templateVariables('{{a}} {{b|x}} {{A}}')).toEqual([
      { key: 'a', fallback: null },
      { key: 'b', fallback: 'x' },
    ]);
    expect(missingVariables('{{a}} {{b|x}} {{c}}', { c: 'yes' })).toEqual(['a']);
  });

  it('says what is wrong with a template that cannot be filled', () => {
    expect(templateProblem('Hi {{name}')?.text).toMatch(/not closed/);
    expect(templateProblem('Hi {{ }}')?.text).toMatch(/names no variable/);
    expect(templateProblem('Hi {{ }}')?.coded).toEqual({
      reason: 'template.unnamed',
      params: { placeholder: '{{ }}' },
    });
    expect(templateProblem('   ')?.text).toMatch(/Write the message/);
    expect(templateProblem('Hi {{name|friend}}')).toBeNull();
  });

  it('keys columns the way operators write them', () => {
    expect(variableKey(' First Name ')).toBe('first_name');
    expect(variableKey('Código postal')).toBe('código_postal');
  });
});
