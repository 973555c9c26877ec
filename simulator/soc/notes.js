'use strict';
// Notes (comments) on an alert or an incident: state.soc.notes. war_room_id = the commented object.
const { randomUUID } = require('node:crypto');
const c = require('./common');

const NOTES = [...c.WS, 'notes'];

const target = (state, params, id) => {
  const o = state.alerts[id] || state.soc.incidents[id];
  return o && o.workspace_id === params.workspace_id ? o : null;
};

const item = (n) => structuredClone(n);

function createNote({ state, params, json, now }) {
  for (const k of ['type', 'content']) {
    if (typeof json[k] !== 'string' || !json[k]) return c.invalid(`Parameter ${k} is required`);
  }
  // The SDK leaves war_room_id optional; a note on nothing would be unreachable here, so it is required.
  if (typeof json.war_room_id !== 'string' || !json.war_room_id) return c.invalid('Parameter war_room_id is required (the ID of the alert or incident)');
  if (!target(state, params, json.war_room_id)) return c.notFound('Alert or incident', json.war_room_id);
  if (json.note_type !== undefined && typeof json.note_type !== 'string') return c.invalid('Parameter note_type must be a string');
  const time = c.now8(now);
  const user = state.iamUsers[0];
  const note = {
    create_time: time, update_time: time, data: { content: json.content }, id: randomUUID(), is_deleted: false,
    marked_note: true, note_type: json.note_type ?? null, project_id: state.projectId, type: json.type,
    user: { id: user?.userId ?? 'simulator-user', name: user?.userName ?? 'simulator' }, war_room_id: json.war_room_id,
    workspace_id: params.workspace_id, content: null,
  };
  state.soc.notes[note.id] = note;
  return c.ok({ code: c.OK, message: '', success: true, data: item(note) });
}

function listNotes({ state, params, json }) {
  const body = json || {};
  const spec = c.searchSpec({ ...body, condition: undefined }, { lowerOrder: true });
  if (c.isError(spec)) return spec;
  if (body.war_room_id !== undefined && typeof body.war_room_id !== 'string') return c.invalid('Parameter war_room_id must be a string');
  const notes = Object.values(state.soc.notes).filter((n) => n.workspace_id === params.workspace_id
    && (body.war_room_id === undefined || n.war_room_id === body.war_room_id))
    .map((n) => ({ ...n, data_object: {} }));
  const all = c.runSearch(notes, spec);
  return c.ok({ code: c.OK, message: '', ...c.page(all, spec.offset, spec.limit, ({ data_object, ...n }) => item(n)), success: true });
}

function deleteNotes({ state, params, json }) {
  const ids = c.readIds(json.batch_ids, 'batch_ids');
  if (c.isError(ids)) return ids;
  const success = ids.filter((id) => state.soc.notes[id]?.workspace_id === params.workspace_id);
  for (const id of success) delete state.soc.notes[id];
  return c.ok({ code: c.OK, message: '', data: { success_ids: success, error_ids: ids.filter((id) => !success.includes(id)) } });
}

const ROUTES = [
  { name: 'createNote', method: 'POST', pattern: NOTES, handler: createNote, json: true },
  { name: 'listNotes', method: 'POST', pattern: [...NOTES, 'search'], handler: listNotes, optionalJson: true },
  { name: 'deleteNotes', method: 'DELETE', pattern: NOTES, handler: deleteNotes, json: true },
];

module.exports = { ROUTES };
