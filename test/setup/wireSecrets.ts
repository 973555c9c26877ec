// After every test: no secret on the wire outside the one place it belongs
// (test/helpers/wireSecrets.ts), in every request any simulator recorded during
// the test, whoever started the simulator. Registered here so that no test file
// can forget it.
import type { IDataObject } from 'n8n-workflow';

import { observeRequests } from '../../simulator/server';

import type { RecordedRequest } from '../helpers/simulator';
import { credentialSecrets, misplacedSecrets, Secrets } from '../helpers/wireSecrets';

interface ObservedSimulator {
	state: IDataObject;
}

const recorded: RecordedRequest[] = [];
const simulators = new Set<ObservedSimulator>();

observeRequests((record: RecordedRequest, simulator: ObservedSimulator) => {
	recorded.push(record);
	simulators.add(simulator);
});

afterEach(() => {
	const requests = recorded.splice(0);
	if (requests.length === 0) return;
	const known = new Secrets();
	for (const simulator of simulators) known.addSimulator(simulator.state);
	expect(misplacedSecrets(requests, credentialSecrets.merged(known))).toEqual([]);
});
