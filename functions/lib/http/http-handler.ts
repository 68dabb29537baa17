import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { errorResponse, isExpected } from './error-response.ts';
import { HttpError } from './http-error.ts';

export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * One Lambda serves several routes; API Gateway (or the local server) names the route in
 * `routeKey`. Every error becomes an answer with a code and a reason; only the unexpected are logged
 * as errors, and never with the request body (it holds personal data).
 */
export const createHttpHandler = (routeHandlers: Record<string, RouteHandler>, logger: Logger) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use({
      onError: (request) => {
        const error = request.error;
        if (!isExpected(error)) {
          logger.error('request failed', { routeKey: request.event.routeKey, requestId: request.event.requestContext?.requestId, error: error as Error });
        }
        request.response = errorResponse(error);
      },
    })
    .handler(async (event, context) => {
      const handler = routeHandlers[event.routeKey];
      if (!handler) throw new HttpError(404, 'NO_SUCH_ROUTE', `no route ${event.routeKey}`);
      return handler(event, context);
    });
