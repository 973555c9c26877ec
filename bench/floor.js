// n8n's floor: the least a declarative node can be and still make the same request. No
// validation, no retries, no error handling, one parameter, the URL fixed but for the ID, and a
// credential whose authenticate function only adds the token or the signature (the project's
// own signer). Run through the same engine, it shows what n8n's engine itself costs per item.
const { signRequest } = require('../dist/nodes/HuaweiSecMaster/shared/signer.js');
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

module.exports = { floorNode, floorCredential };
