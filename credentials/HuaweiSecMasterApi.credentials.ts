import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateRequest } from '../nodes/HuaweiSecMaster/transport/credentialAuth';
import { requestIamToken } from '../nodes/HuaweiSecMaster/transport/iamToken';
import { SECMASTER_REGIONS } from '../nodes/HuaweiSecMaster/transport/regions';

const forAuth = (authType: string) => ({ show: { authType: [authType] } });

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
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'IAM Token',
					value: 'token',
					description: 'A token pasted from IAM; it expires after 24 hours',
				},
				{
					name: 'Access Key (AK/SK)',
					value: 'aksk',
					description: 'Every request signed with an access key, as the Huawei Cloud SDKs do',
				},
				{
					name: 'IAM User and Password',
					value: 'password',
					description: 'n8n gets a token from IAM and renews it when it expires',
				},
			],
			default: 'token',
		},
		{
			displayName: 'IAM Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: forAuth('token'),
			description:
				'An IAM user token (the X-Subject-Token header returned by IAM). Tokens expire after 24 hours.',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: forAuth('aksk'),
			description: 'The AK of an access key (My Credentials → Access Keys)',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: forAuth('aksk'),
			description: 'The SK of the access key; it never leaves n8n, only signatures made with it do',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: forAuth('aksk'),
			description: 'Only for temporary access keys: their security token',
		},
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: forAuth('password'),
			description: 'The Huawei Cloud account (domain) the IAM user belongs to',
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: forAuth('password'),
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: forAuth('password'),
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-north-4.myhuaweicloud.com',
			displayOptions: forAuth('password'),
			description: 'Optional. Replaces https://iam.{region}.myhuaweicloud.com.',
		},
		{
			// The IAM token n8n obtains for the user: stored encrypted by n8n, renewed
			// through preAuthentication when it expires or a request gets 401.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// When n8n renews the token: shortly before IAM's expires_at.
			displayName: 'Session Token Renew At',
			name: 'sessionTokenRenewAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			// IAM's expires_at of the session token: where another process renews at the latest.
			displayName: 'Session Token Expires At',
			name: 'sessionTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
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

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await requestIamToken(this.helpers, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateRequest(credentials, requestOptions, new Date());
	}

	// A cheap read scoped to the configured workspace: it fails on a wrong token,
	// key, project or workspace alike.
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
						'The gateway rejected the credential (APIG.0301): a wrong or expired IAM token, or an AK/SK signature it does not accept (wrong SK, a clock more than 15 minutes off, or a key locked after failed signatures)',
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
