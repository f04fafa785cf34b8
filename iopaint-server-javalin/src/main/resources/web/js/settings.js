// The Settings dialog (the server's models, grouped by type, and switching between them) and the options of the
// current model that go with each inpaint request.

import * as api from './api.js';

const GROUPS = [
  { id: 'inpaint', label: 'Inpaint', types: ['inpaint'] },
  { id: 'sd', label: 'Stable Diffusion', types: ['diffusers_sd', 'diffusers_sdxl'] },
  { id: 'sd-inpaint', label: 'Stable Diffusion Inpaint', types: ['diffusers_sd_inpaint', 'diffusers_sdxl_inpaint'] },
  { id: 'other', label: 'Other', types: ['diffusers_other'] },
  { id: 'openai', label: 'OpenAI', types: ['openai_compat'] },
];

const $ = (id) => document.getElementById(id);

export class ModelSettings {
  #models = [];
  #current = null;
  #switchDisabled = false;

  /** @param reportError shows a message outside the dialog (the dialog shows its own) */
  constructor(reportError) {
    this.reportError = reportError;
    this.dialog = $('settings-dialog');
    $('settings-button').addEventListener('click', () => this.dialog.showModal());
    $('model-tabs').addEventListener('keydown', (e) => this.#arrowKeys(e));
  }

  get current() { return this.#current; }

  /**
   * Reads the model list and the current model, as IOPaint's client does at start.
   * @returns the server's config, for the other menus it drives; null when it could not be read
   */
  async load() {
    try {
      const [config, current] = await Promise.all([api.serverConfig(), api.currentModel()]);
      this.#models = config.modelInfos ?? [];
      this.#switchDisabled = Boolean(config.disableModelSwitch);
      this.#setCurrent(current);
      this.#renderTabs(this.#groupOf(current) ?? GROUPS[0]);
      return config;
    } catch (e) {
      $('current-model').textContent = 'unknown';
      this.reportError(`Could not read the server's models: ${e.message}`);
      return null;
    }
  }

  /** The request fields of the current model's options; IOPaint's defaults apply to the rest. */
  requestFields() {
    const fields = {};
    if (this.#current?.name === 'cv2') {
      const radius = Number.parseInt($('cv2-radius').value, 10);
      fields.cv2_flag = $('cv2-flag').value;
      fields.cv2_radius = Number.isFinite(radius) ? Math.max(1, Math.min(100, radius)) : 5;
    }
    if (this.#current?.need_prompt) {
      fields.prompt = $('prompt').value;
      fields.sd_seed = -1; // a fresh seed each run, as IOPaint's client does unless the seed is fixed
    }
    return fields;
  }

  async #switchTo(name) {
    if (name === this.#current?.name) return;
    const status = $('settings-status');
    const error = $('settings-error');
    error.hidden = true;
    status.textContent = `Loading ${name}…`;
    this.#setButtonsDisabled(true);
    try {
      this.#setCurrent(await api.switchModel(name));
      status.textContent = `Switched to ${name}.`;
    } catch (e) {
      status.textContent = '';
      error.textContent = `Could not switch to ${name}: ${e.message}`;
      error.hidden = false;
      // The server goes back to the previous model; show the one it really has.
      this.#setCurrent(await api.currentModel().catch(() => this.#current));
    } finally {
      this.#setButtonsDisabled(false);
      this.#markCurrent();
    }
  }

  #setCurrent(info) {
    this.#current = info;
    $('current-model').textContent = info.name;
    $('settings-current-model').textContent = info.name;
    $('cv2-options').hidden = info.name !== 'cv2';
    $('prompt-options').hidden = !info.need_prompt;
    this.#markCurrent();
  }

  #groupOf(info) {
    return GROUPS.find((group) => group.types.includes(info?.model_type));
  }

  #renderTabs(selected) {
    const tabs = $('model-tabs');
    const panels = $('model-panels');
    tabs.replaceChildren();
    panels.replaceChildren();
    for (const group of GROUPS) {
      const models = this.#models.filter((info) => group.types.includes(info.model_type));
      const tab = Object.assign(document.createElement('button'), {
        type: 'button', id: `tab-${group.id}`, textContent: `${group.label} (${models.length})`,
      });
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', `panel-${group.id}`);
      tab.addEventListener('click', () => this.#select(group.id));
      tabs.append(tab);
      panels.append(this.#panel(group, models));
    }
    this.#select(selected.id);
  }

  #panel(group, models) {
    const panel = Object.assign(document.createElement('div'), { id: `panel-${group.id}`, className: 'panel' });
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `tab-${group.id}`);
    if (models.length === 0) {
      panel.append(Object.assign(document.createElement('p'), {
        className: 'muted', textContent: `No ${group.label} models in the model folder.`,
      }));
      return panel;
    }
    const list = Object.assign(document.createElement('ul'), { className: 'model-list' });
    for (const info of models) {
      const button = Object.assign(document.createElement('button'), {
        type: 'button', className: 'model', disabled: this.#switchDisabled, title: info.path,
      });
      button.dataset.model = info.name;
      button.append(info.name, Object.assign(document.createElement('small'), { textContent: info.model_type }));
      button.addEventListener('click', () => this.#switchTo(info.name));
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    panel.append(list);
    if (this.#switchDisabled) {
      panel.append(Object.assign(document.createElement('p'), {
        className: 'muted', textContent: 'The server does not allow switching models.',
      }));
    }
    return panel;
  }

  #select(id) {
    for (const tab of $('model-tabs').children) {
      const selected = tab.id === `tab-${id}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of $('model-panels').children) panel.hidden = panel.id !== `panel-${id}`;
  }

  #arrowKeys(e) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const tabs = [...$('model-tabs').children];
    const at = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.click();
    next.focus();
  }

  #markCurrent() {
    for (const button of document.querySelectorAll('#model-panels button.model')) {
      const current = button.dataset.model === this.#current?.name;
      button.classList.toggle('current', current);
      button.setAttribute('aria-pressed', String(current));
    }
  }

  #setButtonsDisabled(disabled) {
    for (const button of document.querySelectorAll('#model-panels button.model')) {
      button.disabled = disabled || this.#switchDisabled;
    }
  }
}
