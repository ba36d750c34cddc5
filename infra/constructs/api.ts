import { DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RESIDENT_ROUTES } from '../../web/site/interest-form.js';

/**
 * The HTTP API in front of the portal's two Lambdas: CloudFront's origin for /portal/* (employer,
 * desk and admin pages, and the residents' plain form posts, which a Function URL behind OAC
 * cannot take). The residents' form paths (RESIDENT_ROUTES) go to the small residents' function,
 * every other request to the staff portal; each Hono app does its own routing and auth.
 */
export class PortalApi extends Construct {
  readonly api: HttpApi;
  /** One JSON line per request (status included): the 429 alarm counts from it. */
  readonly accessLogs: LogGroup;
  /** Where CloudFront sends /portal/*: the API's own domain name when it has one, else its default endpoint. */
  readonly originEndpoint: string;

  constructor(scope: Construct, id: string, props: { portal: IFunction; residents: IFunction; domain?: { name: string; certificate: ICertificate } }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'OpWeg portal and residents\' forms (origin of CloudFront /portal/*)',
      defaultIntegration: new HttpLambdaIntegration('Portal', props.portal),
      createDefaultStage: false,
      // With a domain name of its own, the public https://<id>.execute-api… address is switched off:
      // only CloudFront (by that name, with the origin secret) reaches the portal.
      disableExecuteApiEndpoint: props.domain !== undefined,
    });
    const residents = new HttpLambdaIntegration('Residents', props.residents);
    for (const route of RESIDENT_ROUTES) this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: residents });
    const domainName = props.domain ? new DomainName(this, 'Domain', { domainName: props.domain.name, certificate: props.domain.certificate }) : undefined;
    this.originEndpoint = props.domain ? `https://${props.domain.name}` : this.api.apiEndpoint;
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The portal signs users in with magic links and checks roles per route; residents\' form posts are anonymous by design.',
    });
    const accessLogs = (this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH }));
    new HttpStage(this, 'Stage', {
      httpApi: this.api,
      autoDeploy: true,
      ...(domainName ? { domainMapping: { domainName } } : {}),
      // Far above what a few hundred desks and employers need; caps what a flood can cost.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }
}
