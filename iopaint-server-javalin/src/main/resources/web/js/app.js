// Wires the toolbar, the keyboard and file drops to the editor, the settings and the server.

import * as api from './api.js';
import { Editor, Picture } from './editor.js';
import { ModelSettings } from './settings.js';

const $ = (id) => document.getElementById(id);
const BRUSH_STEP = 10;
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/bmp': 'bmp' };

const editor = new Editor({
  stage: $('stage'), imageCanvas: $('image-canvas'), maskCanvas: $('mask-canvas'), cursor: $('brush-cursor'),
});
const settings = new ModelSettings(showError);
let busy = false;
let lastRun = '';

function showError(message) {
  $('error-message').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
}

async function open(file) {
  if (!file) return;
  if (busy) {
    showError('Wait until the inpainting finishes, then open another image.');
    return;
  }
  if (file.type && !file.type.startsWith('image/')) {
    showError(`${file.name} is not an image; open a PNG, JPEG or WebP file`);
    return;
  }
  try {
    editor.open(await Picture.load(file, file.name));
    lastRun = '';
    hideError();
  } catch (e) {
    showError(e.message);
  }
}

async function inpaint() {
  if (busy || !editor.hasImage) return;
  if (!editor.hasStrokes) {
    showError('Paint over what should go away first, then inpaint.');
    return;
  }
  setBusy(true);
  const started = performance.now();
  try {
    const picture = editor.picture;
    const request = { image: await picture.dataUrl(), mask: editor.maskDataUrl(), ...settings.requestFields() };
    const { blob, seed } = await api.inpaint(request);
    const result = await Picture.load(blob, picture.name).catch(() => {
      throw new Error(`the server answered ${blob.type || 'something'} that is not an image`);
    });
    editor.addResult(result);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    lastRun = ` · inpainted with ${settings.current?.name ?? 'the model'} in ${seconds} s`
      + (settings.current?.need_prompt && seed ? `, seed ${seed}` : '');
    hideError();
  } catch (e) {
    showError(`Inpainting failed: ${e.message}`);
  } finally {
    setBusy(false);
  }
}

function setBusy(on) {
  busy = on;
  editor.enabled = !on;
  $('busy').hidden = !on;
  $('stage').setAttribute('aria-busy', String(on));
  update();
}

function downloadName(picture) {
  const base = picture.name.replace(/\.[^.]+$/, '') || 'image';
  return `${base}_inpainted.${EXTENSIONS[picture.blob.type] ?? 'png'}`;
}

/** Brings every control in line with the editor's state. */
function update() {
  const picture = editor.picture;
  $('drop-zone').hidden = editor.hasImage;
  $('stage').hidden = !editor.hasImage;
  $('undo-button').disabled = busy || !editor.canUndo;
  $('redo-button').disabled = busy || !editor.canRedo;
  $('clear-button').disabled = busy || !editor.hasStrokes;
  $('inpaint-button').disabled = busy || !editor.hasStrokes;
  $('compare-button').disabled = !editor.hasResult;
  const link = $('download-link');
  link.classList.toggle('disabled', !editor.hasResult);
  link.setAttribute('aria-disabled', String(!editor.hasResult));
  if (editor.hasResult) {
    Object.assign(link, { href: picture.url, download: downloadName(picture) });
  } else {
    link.removeAttribute('href');
  }
  $('status-bar').textContent = picture ? `${picture.name} · ${picture.width}×${picture.height}${lastRun}` : '';
}

function setBrushSize(size) {
  editor.setBrushSize(size);
  $('brush-size').value = editor.brushSize;
  $('brush-size-value').value = editor.brushSize;
}

function isTextField(target) {
  return target instanceof Element && target.matches('input:not([type=range]):not([type=checkbox]), select, textarea');
}

function onKeyDown(e) {
  if (settings.dialog.open || isTextField(e.target)) return;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    if (!busy) e.shiftKey ? editor.redo() : editor.undo();
  } else if (e.key === 'Tab' && !e.shiftKey && editor.hasImage) {
    e.preventDefault(); // held Tab shows the original, as in IOPaint; Shift+Tab still moves the focus
    editor.showOriginal(true);
  } else if (e.key === '[' || e.key === ']') {
    setBrushSize(editor.brushSize + (e.key === ']' ? BRUSH_STEP : -BRUSH_STEP));
  } else if (e.key === 'R' && e.shiftKey && !mod) {
    inpaint();
  }
}

function holdToCompare(button) {
  const show = (on) => editor.showOriginal(on);
  button.addEventListener('pointerdown', () => show(true));
  for (const type of ['pointerup', 'pointerleave', 'pointercancel', 'blur']) {
    button.addEventListener(type, () => show(false));
  }
  button.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      show(true);
    }
  });
  button.addEventListener('keyup', () => show(false));
}

function acceptDrops() {
  const dragging = (on) => document.body.classList.toggle('dragging', on);
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    dragging(true);
  });
  window.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) dragging(false);
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    dragging(false);
    open(e.dataTransfer?.files?.[0]);
  });
}

$('open-button').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', (e) => {
  open(e.target.files[0]);
  e.target.value = ''; // so that opening the same file again still fires
});
$('brush-size').addEventListener('input', (e) => setBrushSize(Number(e.target.value)));
$('undo-button').addEventListener('click', () => editor.undo());
$('redo-button').addEventListener('click', () => editor.redo());
$('clear-button').addEventListener('click', () => editor.clear());
$('inpaint-button').addEventListener('click', inpaint);
$('download-link').addEventListener('click', (e) => {
  if (!editor.hasResult) e.preventDefault();
});
$('error-close').addEventListener('click', hideError);
holdToCompare($('compare-button'));
acceptDrops();

editor.addEventListener('change', update);
editor.addEventListener('strokeend', () => {
  if ($('auto-inpaint').checked) inpaint();
});
window.addEventListener('keydown', onKeyDown);
window.addEventListener('keyup', (e) => {
  if (e.key === 'Tab') editor.showOriginal(false);
});
window.addEventListener('blur', () => editor.showOriginal(false));

update();
settings.load();
