import { Duration, Fn, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel, AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType,
  FunctionRuntime, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy, OriginRequestPolicy,
  OriginSslPolicy, PriceClass, ResponseHeadersPolicy, S3OriginAccessControl, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../shared/config/origin.js';
import { SITE_CSS_HASH } from '../../web/ui/assets.js';
import { paths } from '../../web/site/paths.js';

/**
 * Pages work as plain HTML with at most a script file of our own, forms post to the same
 * origin, nothing may frame the site. The same policy as the portal app's own (web/app.ts), so
 * CloudFront's copy, which also covers the static pages, takes nothing away.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  // The resident pages' inline stylesheets, by their hashes (web/ui/site-style-tag.tsx).
  `style-src 'self' ${SITE_CSS_HASH}`,
  // The Tigrinya pages' inline blank font (web/ui/site-style.ts).
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * The publisher writes each page as `<path>/index.html`; CloudFront asks S3 for that key when
 * a visitor asks for `<path>/` or `<path>` (S3 behind OAC has no directory index of its own).
 * `/portal` without its slash is the portal's address mistyped: it redirects to `/portal/`
 * (only `/portal/*` goes to the API; S3 would answer its XML 403).
 */
export const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/portal') return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/portal/' } } };
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.split('/').pop().indexOf('.') === -1) request.uri = uri + '/index.html';
  return request;
}`;

export interface SiteProps {
  /** The portal's HTTP API endpoint, e.g. https://abc.execute-api.eu-west-1.amazonaws.com */
  apiEndpoint: string;
  /** Sent to the portal with every request as `x-opweg-origin`: the portal refuses requests without it (web/app.ts). */
  originSecret: string;
  domainName?: string;
  certificate?: ICertificate;
  /** A name unique to the stage and region, for what CloudFront names account-wide (infra/stage.ts globalName). */
  globalName: (what: string) => string;
}

/** Private bucket of rendered pages behind CloudFront (OAC), with /portal/* going to the API. */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging still writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Request logs carry visitors' IP addresses: keep a month, as the function logs.
      lifecycleRules: [{ expiration: Duration.days(30) }],
    });
    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site-bucket/',
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: props.globalName('headers'),
      comment: 'OpWeg security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365 * 2), includeSubdomains: true, preload: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Which listing a resident read is nobody else's business, not even an employer's site:
        // no Referer leaves the site. Within it the browser keeps Origin and Referer on form posts
        // (with no-referrer, a form post carries `Origin: null` and the portal refused it).
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        contentTypeOptions: { override: true },
      },
    });
    const indexRewrite = new CloudFrontFunction(this, 'IndexRewrite', {
      functionName: props.globalName('index-rewrite'),
      code: FunctionCode.fromInline(INDEX_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve <path>/index.html for <path>/ and <path>',
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'OpWeg site and portal',
      defaultRootObject: 'index.html',
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate: props.certificate,
      // Only possible with an own certificate: *.cloudfront.net has CloudFront's fixed policy.
      minimumProtocolVersion: props.certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in the Netherlands: Europe and North America edges are enough and cheapest.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new S3OriginAccessControl(this, 'OriginAccess', { originAccessControlName: props.globalName('site-bucket') }),
          // List too, so that a missing key is S3's 404 (the site's 404 page below), not its 403.
          originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        // Brotli or gzip at the edge (the cache policy keys on both): the Lambdas never compress.
        compress: true,
      },
      // An address with no file gets the site's own page, in every language with the way back,
      // as a 404. S3 says 404 for a missing key only when CloudFront may list the bucket (else
      // 403, which must stay the portal's "you may not"). The rule is the whole distribution's:
      // a portal 404 shows this page too, so the portal answers a form with a wrong reference
      // code 422 (the form with its message), not 404.
      errorResponses: [{ httpStatus: 404, responseHttpStatus: 404, responsePagePath: paths.notFoundAll(), ttl: Duration.minutes(1) }],
      additionalBehaviors: {
        '/portal/*': {
          origin: new HttpOrigin(Fn.parseDomainName(props.apiEndpoint), {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Cookies, query and Origin (CSRF check) reach the portal; Host must stay the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Residents often browse on foreign SIM cards or roaming; blocking countries would lock them out.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Pages are static and the API stage is throttled; WAF would be the largest fixed cost of an idle site.',
      },
    );
    if (!props.certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without publicDomain the site runs on *.cloudfront.net, whose TLS policy AWS fixes; set publicDomain + certificateArn for TLS 1.2+ (docs/deploy.md).',
      });
    }
  }
}
