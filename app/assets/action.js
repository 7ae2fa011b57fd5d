// One delegated listener: a click on [data-action] becomes a Gradio "select" event with its data.
element.addEventListener('click', (event) => {
  const target = event.target.closest('[data-action]');
  if (!target || !element.contains(target)) return;
  event.preventDefault();
  trigger('select', {index: target.dataset.action, value: target.dataset.value});
});
