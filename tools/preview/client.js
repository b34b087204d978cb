// The dev page's script (runs in the browser): shows the state the server renders and turns clicks into
// workbench steps (POST /api/step). Card buttons send the card's current form values with the press.
/* global document, window, fetch, CSS */
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  let state = null;
  let shownCard = null;
  let busy = false;
  let toastTimer = null;

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
    return json;
  }

  function setBusy(on) {
    busy = on;
    $('progress').hidden = !on;
    document.body.classList.toggle('busy', on);
  }

  function showBanner(text, isError) {
    const banner = $('banner');
    banner.textContent = text;
    banner.className = isError ? 'banner banner-error' : 'banner';
    banner.hidden = !text;
  }

  function showToast(text) {
    const toast = $('toast');
    toast.textContent = text;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toast.hidden = true), 10000);
  }

  function showCompose(draftId) {
    const html = state && state.html.compose[draftId];
    $('compose-host').innerHTML = html || '';
  }

  function selectTab(name) {
    for (const tab of document.querySelectorAll('[data-tab]'))
      tab.classList.toggle('active', tab.dataset.tab === name);
    for (const panel of document.querySelectorAll('.tab-panel'))
      panel.classList.toggle('active', panel.id === `panel-${name}`);
  }

  function render(next, afterStep) {
    const allColumns = document.querySelector('.audit-table.all-columns') !== null;
    state = next;
    $('threads').innerHTML = next.html.threads;
    $('panel-mail').innerHTML = next.html.message;
    $('panel-drafts').innerHTML = next.html.drafts;
    $('panel-audit').innerHTML = next.html.audit;
    $('panel-hubspot').innerHTML = next.html.hubspot;
    // Gmail keeps a card (and what the user ticked or typed on it) until a response replaces it.
    const cardJson = JSON.stringify(next.card);
    const fresh = afterStep && next.last && ['open', 'homepage', 'universal'].includes(next.last.kind);
    if (cardJson !== shownCard || fresh) $('sidebar').innerHTML = next.html.sidebar;
    shownCard = cardJson;
    $('count-drafts').textContent = String(next.drafts.length);
    $('count-audit').textContent = String(next.audit.rows.length);
    $('clock').textContent = next.nowText;
    $('scenario').textContent = next.scenario.name;
    if (allColumns) setAllColumns(true);
    const last = next.last;
    $('status').textContent = last
      ? `Last step: ${last.label}${last.functionName ? ` → ${last.functionName}` : ''} · ${last.roundTrips} round trip(s) · ${(last.modelledMs / 1000).toFixed(2)} s modelled`
      : `${next.user.email} · ${next.user.timeZone}`;
    if (!afterStep || !last) return;
    if (last.error) showBanner(`Error: ${last.error}`, true);
    else if (last.openedLink) showLink(last.openedLink);
    else if (last.insertedText) showBanner(`Inserted into the draft: ${last.insertedText}`, false);
    else showBanner('', false);
    if (last.notification) showToast(last.notification);
    else $('toast').hidden = true;
    if (last.openedDraft) {
      selectTab('mail');
      showCompose(last.openedDraft.draftId);
    }
  }

  async function step(body) {
    if (busy) return;
    setBusy(true);
    try {
      render(await call('POST', '/api/step', body), true);
    } catch (error) {
      showBanner(`Error: ${error.message}`, true);
    } finally {
      setBusy(false);
    }
  }

  /** Every named input of the card: checked boxes, chosen options, typed text (an empty list when none). */
  function formValues() {
    const values = {};
    for (const field of $('sidebar').querySelectorAll('input[name], select[name], textarea[name]')) {
      const list = (values[field.name] = values[field.name] || []);
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked) list.push(field.value);
      } else if (field.tagName === 'SELECT') {
        for (const option of field.selectedOptions) list.push(option.value);
      } else list.push(field.value);
    }
    return values;
  }

  /**
   * A link the add-on opens. Gmail links to a conversation open it here (or the draft's compose window);
   * other links are only named: the preview stays on loopback.
   */
  function showLink(url) {
    // Both forms of a Gmail thread link: /mail/u/<n>/#all/<id> and /mail/?authuser=<email>#all/<id>.
    const thread =
      /^https:\/\/mail\.google\.com\/mail\/(?:u\/\d+\/|\?authuser=[^#]*)#[a-z]+\/([^/?#]+)$/i.exec(url);
    if (thread && state) {
      const id = decodeURIComponent(thread[1]);
      const row = document.querySelector(`.thread[data-thread-id="${CSS.escape(id)}"]`);
      if (row) return void step({ open: row.dataset.messageId, label: `Open the conversation ${id}` });
      const draft = state.drafts.find((d) => d.threadId === id);
      if (draft) {
        selectTab('mail');
        return void showCompose(draft.draftId);
      }
    }
    showBanner(`The add-on opens a link in a new tab: ${url}`, false);
  }

  function setAllColumns(on) {
    const table = document.querySelector('.audit-table');
    if (table) table.classList.toggle('all-columns', on);
    const box = document.querySelector('[data-toggle="audit-all-columns"]');
    if (box) box.checked = on;
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    const top = target.closest('[data-step]');
    if (top) return void step(JSON.parse(top.dataset.step));
    if (target.closest('#reset')) return void reset();
    const threadRow = target.closest('.thread[data-message-id]');
    if (threadRow) {
      selectTab('mail');
      $('compose-host').innerHTML = '';
      return void step({ open: threadRow.dataset.messageId });
    }
    const tab = target.closest('[data-tab]');
    if (tab) return void selectTab(tab.dataset.tab);
    const openDraft = target.closest('[data-open-draft]');
    if (openDraft) {
      selectTab('mail');
      return void showCompose(openDraft.dataset.openDraft);
    }
    if (target.closest('.compose-close')) return void ($('compose-host').innerHTML = '');
    if (!target.closest('#sidebar')) return;
    const button = target.closest('button[data-button-index]');
    if (button) {
      event.preventDefault();
      if (button.disabled) return;
      // Opening a link does not call the add-on: Gmail just opens it.
      if (button.dataset.openLink) return void showLink(button.dataset.openLink);
      return void step({
        press: button.dataset.text,
        button: Number(button.dataset.buttonIndex),
        inputs: formValues(),
      });
    }
    const anchor = target.closest('a[href]');
    if (anchor) {
      event.preventDefault();
      return void showLink(anchor.getAttribute('href'));
    }
    const linked = target.closest('[data-open-link]');
    if (linked) return void showLink(linked.dataset.openLink);
    const action = target.closest('[data-function]');
    if (action)
      showBanner(
        `This widget calls ${action.dataset.function} when clicked; the workbench runner presses only buttons.`,
        true,
      );
  });

  document.addEventListener('change', (event) => {
    if (event.target.matches('[data-toggle="audit-all-columns"]')) setAllColumns(event.target.checked);
  });

  $('sidebar').addEventListener('submit', (event) => event.preventDefault());

  async function reset() {
    if (busy) return;
    setBusy(true);
    try {
      $('compose-host').innerHTML = '';
      showBanner('', false);
      selectTab('mail');
      shownCard = null;
      render(await call('POST', '/api/reset', {}), true);
    } catch (error) {
      showBanner(`Error: ${error.message}`, true);
    } finally {
      setBusy(false);
    }
  }

  call('GET', '/api/state')
    .then((initial) => render(initial, false))
    .catch((error) => showBanner(`Error: ${error.message}`, true));
})();
