// Wires the toolbar, the keyboard and file drops to the editor, the settings, the plugins and the server.

import * as api from './api.js';
import { Area, Editor, Picture } from './editor.js';
import { ObjectSelection } from './selection.js';
import { ModelSettings } from './settings.js';

const $ = (id) => document.getElementById(id);
const BRUSH_STEP = 10;
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/bmp': 'bmp' };
/** IOPaint's plugin names, as server-config lists them and the plugin endpoints take them. */
const REMOVE_BG = 'RemoveBG';
const INTERACTIVE_SEG = 'InteractiveSeg';

const editor = new Editor({
  stage: $('stage'), imageCanvas: $('image-canvas'), maskCanvas: $('mask-canvas'), cursor: $('brush-cursor'),
});
const settings = new ModelSettings(showError);
const selection = new ObjectSelection({ canvas: $('selection-canvas'), markers: $('click-markers') });
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
    showError('Wait until the server answers, then open another image.');
    return;
  }
  if (file.type && !file.type.startsWith('image/')) {
    showError(`${file.name} is not an image; open a PNG, JPEG or WebP file`);
    return;
  }
  try {
    const picture = await Picture.load(file, file.name);
    stopSelecting();
    editor.open(picture);
    lastRun = '';
    hideError();
  } catch (e) {
    showError(e.message);
  }
}

/**
 * Runs one call to the server with the busy overlay saying `doing`; a failure shows `failure: the server's words`.
 * @returns whether it worked
 */
async function runBusy(doing, failure, work) {
  setBusy(true, doing);
  try {
    await work();
    hideError();
    return true;
  } catch (e) {
    showError(`${failure}: ${e.message}`);
    return false;
  } finally {
    setBusy(false);
  }
}

function secondsSince(started) {
  return ((performance.now() - started) / 1000).toFixed(1);
}

async function loadResult(blob, name) {
  return Picture.load(blob, name).catch(() => {
    throw new Error(`the server answered ${blob.type || 'something'} that is not an image`);
  });
}

async function inpaint() {
  if (busy || !editor.hasImage || selection.active) return;
  if (!editor.hasMask) {
    showError('Paint over what should go away first, then inpaint.');
    return;
  }
  const picture = editor.picture;
  const started = performance.now();
  await runBusy('Inpainting…', 'Inpainting failed', async () => {
    const request = { image: await picture.dataUrl(), mask: editor.maskDataUrl(), ...settings.requestFields() };
    const { blob, seed } = await api.inpaint(request);
    editor.addResult(await loadResult(blob, picture.name));
    lastRun = ` · inpainted with ${settings.current?.name ?? 'the model'} in ${secondsSince(started)} s`
      + (settings.current?.need_prompt && seed ? `, seed ${seed}` : '');
  });
}

/** RemoveBG on the current picture (the latest result, if any); the cut-out becomes the next result. */
async function removeBackground() {
  if (busy || !editor.hasImage || selection.active) return;
  const picture = editor.picture;
  const started = performance.now();
  await runBusy('Removing the background…', 'Removing the background failed', async () => {
    const blob = await api.runPluginGenImage(REMOVE_BG, await picture.dataUrl(), 1);
    editor.addResult(await loadResult(blob, picture.name));
    lastRun = ` · background removed in ${secondsSince(started)} s`;
  });
}

/** The Select object button: enters click mode on the current picture, or leaves it. */
function toggleSelecting() {
  if (busy || !editor.hasImage) return;
  if (selection.active) {
    stopSelecting();
    return;
  }
  selection.start(editor.picture);
  editor.selecting = true;
  update();
}

function stopSelecting() {
  if (!selection.active) return;
  selection.stop();
  editor.selecting = false;
  update();
}

/** A click in click mode: InteractiveSeg selects again from all clicks so far; a failed click is taken back. */
async function selectAt(click) {
  if (busy || !selection.active) return;
  selection.add(click);
  const picture = editor.picture;
  const selected = await runBusy('Selecting…', 'Selecting failed', async () => {
    const blob = await api.runPluginGenMask(INTERACTIVE_SEG, await picture.dataUrl(), selection.wireClicks);
    selection.show(await Area.fromMask(blob, picture));
  });
  if (!selected) selection.dropLast();
  update();
}

/** Accept: the previewed area joins the mask (one undo step), ready for Inpaint or the next stroke. */
function acceptSelection() {
  if (busy || !selection.area) return;
  const area = selection.area;
  stopSelecting();
  editor.addArea(area);
}

function setBusy(on, doing = '') {
  busy = on;
  editor.enabled = !on;
  if (on) $('busy-text').textContent = doing;
  $('busy').hidden = !on;
  $('stage').setAttribute('aria-busy', String(on));
  update();
}

/** Shows the plugin buttons of the plugins the server runs; none (and no menu) when server-config failed. */
function showPlugins(plugins) {
  const offers = (name, support) => plugins.some((plugin) => plugin.name === name && plugin[support]);
  $('remove-bg-button').hidden = !offers(REMOVE_BG, 'support_gen_image');
  $('select-object-button').hidden = !offers(INTERACTIVE_SEG, 'support_gen_mask');
  $('plugin-menu').hidden = $('remove-bg-button').hidden && $('select-object-button').hidden;
}

function statusText(picture) {
  if (!picture) return '';
  const image = `${picture.name} · ${picture.width}×${picture.height}`;
  if (!selection.active) return image + lastRun;
  const clicks = `${selection.positiveClicks} in, ${selection.negativeClicks} out`;
  return `${image} · Select object: click what belongs to it, right-click what does not (${clicks});`
    + ' Accept adds it to the mask, Esc cancels';
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
  const editing = !busy && !selection.active; // click mode keeps the picture and mask as they are
  $('undo-button').disabled = !editing || !editor.canUndo;
  $('redo-button').disabled = !editing || !editor.canRedo;
  $('clear-button').disabled = !editing || !editor.hasMask;
  $('inpaint-button').disabled = !editing || !editor.hasMask;
  $('remove-bg-button').disabled = !editing || !editor.hasImage;
  $('select-object-button').disabled = busy || !editor.hasImage;
  $('select-object-button').setAttribute('aria-pressed', String(selection.active));
  $('selection-actions').hidden = !selection.active;
  $('selection-accept').disabled = busy || !selection.area;
  $('selection-cancel').disabled = busy;
  $('compare-button').disabled = !editor.hasResult;
  const link = $('download-link');
  link.classList.toggle('disabled', !editor.hasResult);
  link.setAttribute('aria-disabled', String(!editor.hasResult));
  if (editor.hasResult) {
    Object.assign(link, { href: picture.url, download: downloadName(picture) });
  } else {
    link.removeAttribute('href');
  }
  $('status-bar').textContent = statusText(picture);
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
    if (!busy && !selection.active) e.shiftKey ? editor.redo() : editor.undo();
  } else if (e.key === 'Escape' && selection.active && !busy) {
    stopSelecting();
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
$('remove-bg-button').addEventListener('click', removeBackground);
$('select-object-button').addEventListener('click', toggleSelecting);
$('selection-accept').addEventListener('click', acceptSelection);
$('selection-cancel').addEventListener('click', stopSelecting);
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
editor.addEventListener('imageclick', (e) => selectAt(e.detail));
window.addEventListener('keydown', onKeyDown);
window.addEventListener('keyup', (e) => {
  if (e.key === 'Tab') editor.showOriginal(false);
});
window.addEventListener('blur', () => editor.showOriginal(false));

update();
settings.load().then((config) => showPlugins(config?.plugins ?? []));
