'use strict';
// Jest's Node environment, plus a record of every promise rejection that went
// unhandled, even one handled later. Inside the test sandbox `process` is a copy
// whose 'unhandledRejection' listeners never run; jest-circus listens on the
// real process and reports each such rejection as an `error` event with its
// promise, which reaches this environment. Node (and n8n) see it at that moment
// whether or not a handler comes later, so a test may ask for the list
// (test/helpers/rejections.ts); Jest itself fails only for the never-handled ones.
const { TestEnvironment } = require('jest-environment-node');

const RECORD = Symbol.for('secmaster.unhandledRejections');

class RejectionsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[RECORD] = [];
  }

  handleTestEvent(event, state) {
    if (event.name === 'error' && event.promise) this.global[RECORD].push(event.error);
    return super.handleTestEvent?.(event, state);
  }
}

module.exports = RejectionsEnvironment;
