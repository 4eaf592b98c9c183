import { type ClipboardEvent, type DragEvent, useRef, useState } from 'react';
import { pickFile } from '../../lib/attachment.ts';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * Lets a form take a file dropped on it or pasted into it (a screenshot from the clipboard, say). Spread
 * `handlers` on the form; `dragging` is true while a file is held over it. Pasted text is left alone.
 */
export function useFileDrop(onFile: (file: File) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them so leaving a child is not leaving the form.
  const depth = useRef(0);
  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (enabled && carriesFiles(event)) event.preventDefault();
    },
    onDragLeave() {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      depth.current = 0;
      setDragging(false);
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      const file = pickFile(event.dataTransfer.files);
      if (file) onFile(file);
    },
    onPaste(event: ClipboardEvent) {
      if (!enabled) return;
      const file = pickFile(event.clipboardData.files);
      if (!file) return;
      event.preventDefault();
      onFile(file);
    },
  };
  return { dragging, handlers };
}
