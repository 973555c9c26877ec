import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { SECMASTER_REGIONS } from '../nodes/HuaweiSecMaster/shared/regions';

export class HuaweiSecMasterApi implements ICredentialType {
	name = 'huaweiSecMasterApi';

	displayName = 'Huawei SecMaster API';

	icon: Icon = {
		light: 'file:../nodes/HuaweiSecMaster/huaweiSecMaster.svg',
		dark: 'file:../nodes/HuaweiSecMaster/huaweiSecMaster.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-huawei-secmaster/n8n-nodes-huawei-secmaster#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'IAM Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An IAM user token (the X-Subject-Token header returned by IAM). Tokens expire after 24 hours.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The ID of the project of the region SecMaster runs in (My Credentials → API Credentials)',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			required: true,
			description: 'The SecMaster workspace the node works in unless a node overrides it',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: SECMASTER_REGIONS,
			default: 'cn-north-4',
			description: 'Selects the endpoint https://secmaster.{region}.myhuaweicloud.com',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://secmaster.eu-west-101.myhuaweicloud.eu',
			description:
				'Optional. Replaces the regional endpoint: for the EU region, a private cloud or the SecMaster simulator.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-Token': '={{ String($credentials.token).trim() }}',
			},
		},
	};

	// A cheap read scoped to the configured workspace: it fails on a wrong token,
	// project or workspace alike.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ (String($credentials.endpoint ?? "").trim() || "https://secmaster." + $credentials.region + ".myhuaweicloud.com").replace(/\\/+$/, "") }}',
			url: '={{ "/v1/" + encodeURIComponent(String($credentials.projectId).trim()) + "/workspaces/" + encodeURIComponent(String($credentials.workspaceId).trim()) + "/soc/playbooks" }}',
			method: 'GET',
			qs: { offset: 0, limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The gateway rejected the IAM token (APIG.0301): it is wrong or has expired. Tokens live 24 hours.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'SecMaster refused the project or workspace (SecMaster.20010001): check the Project ID, the Workspace ID and the region',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No SecMaster API at this address (APIG.0101): check the region or the endpoint',
				},
			},
		],
	};
}
