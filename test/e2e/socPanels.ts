// The workflow the editor test opens to show the SOC operations' panels (issue 14): one node per
// operation, filled as a SOC engineer would fill it, with the simulator fixture's alerts.
import { CREDENTIAL } from '../../scripts/lib/demo';

type Alert = { id: string; workspace_id: string; create_time: string; data_object: { title: string } };

export const SOC_PANELS_NAME = 'SecMaster SOC operations (editor panels)';

/** The nodes, by the screenshot each one is shown in. */
export function socPanelNodes(alerts: Alert[]) {
	const [bruteForce, portScan] = alerts;
	const node = (name: string, parameters: Record<string, unknown>) => ({ name, parameters });
	return {
		'alert-close-panel': node('Close as false detection', {
			resource: 'alert',
			operation: 'close',
			alertId: { __rl: true, mode: 'list', value: bruteForce.id, cachedResultName: bruteForce.data_object.title },
			closeReason: 'False detection',
			closeComment: 'Vulnerability scanner of the IT team (noisy source, allow-listed)',
		}),
		'alert-convert-panel': node('Raise to incident', {
			resource: 'alert',
			operation: 'convert',
			alertIds: `${portScan.id},${bruteForce.id}`,
			incidentTitle: 'Attack on prod-web-01 from 203.0.113.45',
			incidentCategory: 'Network attack',
			incidentType: 'Brute force',
		}),
		'incident-create-panel': node('Create incident', {
			resource: 'incident',
			operation: 'create',
			title: 'Ransomware note found on file server fs-02',
			severity: 'High',
			additionalFields: {
				category: 'Malware',
				incidentType: 'Ransomware',
				owner: 'soc-oncall',
				labels: 'ransomware,finance',
				productName: 'hss',
				productFeature: 'hss',
			},
		}),
		'indicator-create-panel': node('Record attacker IP', {
			resource: 'indicator',
			operation: 'create',
			name: 'Attacker 203.0.113.45',
			type: 'IPv4',
			typeId: 'ipv4',
			value: '203.0.113.45',
			verdict: 'Black',
			granularity: '1',
			firstSeen: '2026-11-21T01:29:58.000Z',
			productName: 'n8n',
			productFeature: 'escalation workflow',
		}),
		'comment-add-panel': node('Note on the incident', {
			resource: 'comment',
			operation: 'add',
			targetType: 'incident',
			incidentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			comment: '=Escalated by n8n: attacker IP recorded as an indicator; playbook runs retried: {{ $json.retried }}',
		}),
	};
}

/** The workflow to POST to n8n's REST API: a Manual Trigger and the nodes side by side. */
export function socPanelsWorkflow(alerts: Alert[]) {
	const nodes = Object.values(socPanelNodes(alerts)).map(({ name, parameters }, index) => ({
		id: `soc-panel-${index}`,
		name,
		type: 'n8n-nodes-huawei-secmaster.huaweiSecMaster',
		typeVersion: 2,
		position: [220 * (index + 1), 0],
		parameters,
		credentials: { huaweiSecMasterApi: CREDENTIAL },
	}));
	const trigger = { id: 'soc-panel-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	return { name: SOC_PANELS_NAME, nodes: [trigger, ...nodes], connections: {}, settings: { executionOrder: 'v1' } };
}
