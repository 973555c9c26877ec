// The SecMaster simulator in a process of its own, so that its CPU and memory stay out of
// what the bench measures. Load settings as in test/node/load.test.ts: statuses evolve every
// 50 ms instead of on every request, and the daily retry limit is out of the way.
// Messages: {cmd: 'prepare', failed: n} → {ids} (state reset, n FAILED instances);
// {cmd: 'prepareAlerts', open: n} → {ids} (state reset, n Open alerts); {cmd: 'stop'}.
const { createSimulator } = require('../simulator/server');
const fixture = require('../simulator/fixtures/default.json');

const instances = Number(process.argv[2] || 10000);
const sim = createSimulator({
	fixture: { ...fixture, maxRetriesPerDay: 1e9 },
	bulk: { instances, alerts: instances },
	evolveEveryMs: 50,
});
const workspaceId = fixture.workspaces[0].id;

process.on('message', async (message) => {
	if (message.cmd === 'prepare') {
		sim.reset();
		const { instances: all } = sim.state;
		const ids = Object.values(all)
			.filter((instance) => instance.generated && instance.workspace_id === workspaceId)
			.map((instance) => String(instance.id))
			.slice(0, message.failed);
		for (const id of ids) all[id].status = 'FAILED';
		process.send({ ids });
	} else if (message.cmd === 'prepareAlerts') {
		sim.reset();
		const alerts = Object.values(sim.state.alerts).filter((alert) => alert.data_object.title.startsWith('Generated alert') && alert.workspace_id === workspaceId);
		const open = alerts.slice(0, message.open);
		// Every run closes alerts that are open, whatever status the generator gave them.
		for (const alert of open) {
			alert.data_object.handle_status = 'Open';
			delete alert.data_object.close_reason;
		}
		process.send({ ids: open.map((alert) => alert.id) });
	} else if (message.cmd === 'stop') {
		await sim.stop();
		process.exit(0);
	}
});

// Ends with the bench, however the bench ends.
process.on('disconnect', () => process.exit(0));
sim.start(0).then(({ url }) => process.send({ url }));
