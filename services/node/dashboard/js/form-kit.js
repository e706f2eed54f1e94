// Forms with their errors next to each field: a client-side check first, then the node's own
// check (POST /api/messages/validate, which sends nothing), then the submission. The node's
// problems name a field path ("payload.summary: ..."); each is shown at the field of that path.
import { el } from './dom.js';
import { ApiError, postJson, problemsByField } from './api.js';

let formCount = 0;

/**
 * spec: { title, intro?, submitLabel, fields: [{ name, label, type, options?, required?, hint?, value? }],
 *         check(values) -> [{ path, message }], build(values) -> submission, onSent(result, submission) }
 */
export function buildForm(spec) {
  const id = `form-${++formCount}`;
  const form = el('form', { class: 'workbench-form', novalidate: true, 'aria-labelledby': `${id}-title`, id });
  const errors = el('div', { class: 'form-errors', role: 'alert', id: `${id}-errors` });
  const status = el('p', { class: 'form-status', role: 'status' });
  form.append(
    el('h3', { id: `${id}-title` }, spec.title),
    spec.intro ? el('p', { class: 'meta' }, spec.intro) : undefined,
    errors,
    ...spec.fields.map((field) => fieldBlock(id, field)),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, spec.submitLabel),
      spec.onCancel ? el('button', { type: 'button', class: 'secondary', onclick: spec.onCancel }, 'Cancel') : undefined),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, spec, errors, status).catch((error) => showProblems(form, errors, [{ path: '', message: error.message }]));
  });
  return form;
}

function fieldBlock(formId, field) {
  const controlId = `${formId}-${field.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const errorId = `${controlId}-error`;
  const hintId = field.hint ? `${controlId}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  let control;
  if (field.type === 'checks') {
    return el('fieldset', { class: 'field', 'data-path': field.name },
      el('legend', {}, field.label),
      field.hint ? el('p', { class: 'hint', id: hintId }, field.hint) : undefined,
      el('div', { class: 'checks' }, field.options.map(([value, label]) => el('label', {},
        el('input', { type: 'checkbox', name: field.name, value, checked: field.value?.includes(value) }), ` ${label}`))),
      el('p', { class: 'field-error', id: errorId }));
  }
  if (field.type === 'select') {
    control = el('select', { id: controlId, name: field.name, 'aria-describedby': describedBy },
      field.options.map(([value, label]) => el('option', { value, selected: value === field.value }, label)));
  } else if (field.type === 'textarea') {
    control = el('textarea', { id: controlId, name: field.name, rows: 3, 'aria-describedby': describedBy });
    control.value = field.value ?? '';
  } else {
    const type = field.type === 'datetime' ? 'datetime-local' : field.type === 'number' ? 'number' : 'text';
    control = el('input', { id: controlId, name: field.name, type, value: field.value, 'aria-describedby': describedBy, readonly: field.readonly, min: field.type === 'number' ? 0 : undefined });
  }
  if (field.required) control.setAttribute('aria-required', 'true');
  return el('div', { class: 'field', 'data-path': field.name },
    el('label', { for: controlId }, field.label, field.required ? el('span', { class: 'required' }, ' (required)') : undefined),
    field.hint ? el('p', { class: 'hint', id: hintId }, field.hint) : undefined,
    control,
    el('p', { class: 'field-error', id: errorId }));
}

/** The form's values by field name: text trimmed, checkboxes as lists. */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === 'checkbox') {
      values[element.name] ??= [];
      if (element.checked) values[element.name].push(element.value);
    } else values[element.name] = element.value.trim();
  }
  return values;
}

async function submit(form, spec, errors, status) {
  const values = formValues(form);
  const client = spec.check(values);
  if (client.length) return showProblems(form, errors, client);
  const submission = spec.build(values);
  showProblems(form, errors, []);
  status.textContent = 'Checking…';
  try {
    await postJson('/api/messages/validate', submission);
  } catch (error) {
    // A node without the check route answers 404: the submission itself is checked the same way.
    if (!(error instanceof ApiError) || error.status !== 404) return refused(form, errors, status, error);
  }
  status.textContent = 'Sending…';
  try {
    const result = await postJson('/api/messages', submission);
    status.textContent = spec.sentText ?? 'Sent.';
    for (const button of form.querySelectorAll('button[type=submit]')) button.disabled = true;
    spec.onSent?.(result, submission);
  } catch (error) {
    refused(form, errors, status, error);
  }
}

function refused(form, errors, status, error) {
  status.textContent = '';
  const problems = error instanceof ApiError && error.problems.length ? problemsByField(error.problems) : [{ path: '', message: error.message }];
  showProblems(form, errors, problems);
}

/** Each problem at the field its path names (or a parent of it); the rest at the top of the form. */
export function showProblems(form, errors, problems) {
  const blocks = [...form.querySelectorAll('[data-path]')];
  for (const block of blocks) {
    block.querySelector('.field-error').textContent = '';
    for (const control of block.querySelectorAll('input, select, textarea')) control.removeAttribute('aria-invalid');
  }
  const general = [];
  for (const problem of problems) {
    const block = blocks.find((b) => b.dataset.path === problem.path)
      ?? blocks.filter((b) => problem.path.startsWith(`${b.dataset.path}.`) || problem.path.startsWith(`${b.dataset.path}[`)).at(-1)
      ?? blocks.find((b) => b.dataset.path.startsWith(`${problem.path}.`));
    if (!block) { general.push(problem.message); continue; }
    const error = block.querySelector('.field-error');
    error.textContent = [error.textContent, problem.message].filter(Boolean).join(' ');
    for (const control of block.querySelectorAll('input, select, textarea')) control.setAttribute('aria-invalid', 'true');
  }
  errors.replaceChildren(...(problems.length ? [el('p', {}, problems.length === 1 ? 'Please correct the field marked below.' : `Please correct the ${problems.length} problems marked below.`), general.length ? el('ul', {}, general.map((m) => el('li', {}, m))) : undefined].filter(Boolean) : []));
  form.querySelector('[aria-invalid="true"]')?.focus();
}
