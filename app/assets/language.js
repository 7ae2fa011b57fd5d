// The interface language for what Gradio draws itself, run on load and on each switch of the language.
// Gradio picks its own strings' locale from the browser once; its Settings panel changes it with the
// changeLocale export of its core module, which the page imports again (the same module, already loaded).
async (ui) => {
  const labels = MORE_TABS_LABELS;
  window.ssMoreTabs = labels[ui] || labels.fr;
  // The "⋯" menu of the tabs that do not fit (on a phone): Gradio names it in English and draws it again at will.
  const name = () => document.querySelectorAll('.overflow-menu > button').forEach((button) => {
    if (button.getAttribute('aria-label') !== window.ssMoreTabs) button.setAttribute('aria-label', window.ssMoreTabs);
  });
  if (!window.ssMenuObserver) {
    window.ssMenuObserver = new MutationObserver(name);
    window.ssMenuObserver.observe(document.body, {subtree: true, childList: true});
  }
  name();
  const core = performance.getEntriesByType('resource').map((entry) => entry.name)
    .find((url) => /\/assets\/core-[\w-]+\.js$/.test(url));
  if (!core) return;
  try {
    const gradio = await import(core);
    if (gradio.changeLocale) gradio.changeLocale(ui);
  } catch (error) {
    console.warn('Gradio keeps the browser language for its own strings:', error);
  }
}
