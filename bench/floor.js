// n8n's floors: the least a node can be and still make the same request through n8n's engine, in
// the two ways a declarative node can send it. `floorNode` goes through n8n's RoutingNode (routing
// in the description); `floorCustomNode` is a custom operation, as our Operate Instance and Update
// Rule are. No validation, no retries, no error handling, one parameter, the URL fixed but for the
// ID, and a credential whose authenticate function only adds the token or the signature (the
// project's own signer). They show what n8n's engine itself costs per item.
const { signRequest } = require('../dist/nodes/HuaweiSecMaster/transport/signer.js');
const common = require('./common');

function floorNode(op, endpoint) {
	const { method, path, body } = common.rawRequest(op, '{id}');
	// The ID's parameter has no routing of its own (routing would have n8n read it once more);
	// a preSend reads it once, the least any node that needs the item's ID can do.
	async function fillId(options) {
		const id = this.getNodeParameter('instanceId', undefined, { extractValue: true });
		options.url = options.url.replace('{id}', encodeURIComponent(String(id)));
		return options;
	}
	return {
		description: {
			displayName: 'Floor',
			name: 'huaweiSecMaster',
			group: ['transform'],
			version: [1, 2],
			description: 'The same request, nothing else',
			defaults: { name: 'Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'huaweiSecMasterApi', required: true }],
			requestDefaults: { headers: { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' }, json: true },
			properties: [
				{
					displayName: 'Request',
					name: 'request',
					type: 'hidden',
					default: '',
					routing: {
						request: { method, url: `${endpoint}${path}`, body: JSON.parse(body) },
						send: { preSend: op === 'operate' ? [fillId] : [] },
					},
				},
				{
					displayName: 'Instance ID',
					name: 'instanceId',
					type: 'resourceLocator',
					default: { mode: 'id', value: '' },
					modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
				},
			],
		},
	};
}

/** The same request from a custom operation: the ID read once per item, the credential once per run. */
function floorCustomNode(op, endpoint) {
	const { method, path, body } = common.rawRequest(op, '{id}');
	async function sendAll() {
		const items = this.getInputData();
		const data = await this.getCredentials('huaweiSecMasterApi');
		const credentialsDecrypted = { id: '', name: '', type: 'huaweiSecMasterApi', data };
		const send = async (_, itemIndex) => {
			const id = op === 'operate' ? this.getNodeParameter('instanceId', itemIndex, undefined, { extractValue: true }) : '';
			const json = await this.helpers.httpRequestWithAuthentication.call(
				this,
				'huaweiSecMasterApi',
				{
					method,
					url: `${endpoint}${path.replace('{id}', encodeURIComponent(String(id)))}`,
					headers: { Accept: 'application/json', 'Content-Type': 'application/json;charset=UTF-8' },
					body: JSON.parse(body),
					json: true,
				},
				{ credentialsDecrypted },
			);
			return { json, pairedItem: { item: itemIndex } };
		};
		return [await Promise.all(items.map(send))];
	}
	const node = floorNode(op, endpoint);
	node.description.properties = [
		{ displayName: 'Resource', name: 'resource', type: 'hidden', default: '' },
		{ displayName: 'Operation', name: 'operation', type: 'hidden', default: '' },
		node.description.properties[1],
	];
	node.customOperations = { playbookInstance: { operate: sendAll }, playbookRule: { update: sendAll } };
	return node;
}

const floorCredential = {
	name: 'huaweiSecMasterApi',
	displayName: 'Floor',
	properties: ['authType', 'token', 'accessKeyId', 'secretAccessKey', 'projectId', 'workspaceId', 'region', 'endpoint'].map((name) => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
	})),
	async authenticate(credentials, options) {
		if (credentials.authType === 'token') {
			options.headers = { ...options.headers, 'X-Auth-Token': credentials.token };
			return options;
		}
		const body = Buffer.from(JSON.stringify(options.body), 'utf8');
		const signed = signRequest({
			method: options.method,
			url: options.url,
			body,
			accessKeyId: credentials.accessKeyId,
			secretAccessKey: credentials.secretAccessKey,
			projectId: credentials.projectId,
			date: new Date(),
		});
		return { ...options, body, headers: { ...options.headers, ...signed } };
	},
};

module.exports = { floorNode, floorCustomNode, floorCredential };
