'use strict';
// The records of a store (state.instances, state.alerts) as an array, kept beside it. Object.values
// on an object with ten thousand UUID keys takes tens of milliseconds in V8, and every request of a
// storm test filters the whole store. Every write goes through put() or remove(), so the list never goes stale.
const lists = new WeakMap();

function listOf(store) {
  let list = lists.get(store);
  if (!list) {
    list = Object.values(store);
    lists.set(store, list);
  }
  return list;
}

function put(store, record) {
  const known = record.id in store;
  store[record.id] = record;
  const list = lists.get(store);
  if (!list) return;
  if (known) lists.delete(store); // a replaced record: rebuilt on the next read
  else list.push(record);
}

function remove(store, id) {
  if (!(id in store)) return;
  delete store[id];
  lists.delete(store); // rebuilt on the next read
}

module.exports = { listOf, put, remove };
