/**
 * An error message bar with an optional retry action. The text comes from `errorMessage`, so
 * every screen shows API errors the same way.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ApiError } from '../api/client.ts';
import { useStrings, type Strings } from '../i18n.ts';

/**
 * The sentence to show for a failure: a translated one for the codes the tab knows
 * (`strings.errorCodes`), else the service's own message for API errors (it is written for
 * users), a translated one when no response arrived, a generic one for anything else.
 */
export function errorMessage(error: unknown, strings: Strings): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return strings.errors.network;
    return Object.hasOwn(strings.errorCodes, error.code)
      ? strings.errorCodes[error.code]!
      : error.message;
  }
  return strings.errors.unexpected;
}

/** Props of {@link ErrorBar}. */
export interface ErrorBarProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
}

/** A Fluent error MessageBar: bold title, the error's message, optional retry button. */
export function ErrorBar({ title, error, onRetry }: ErrorBarProps) {
  const strings = useStrings();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {errorMessage(error, strings)}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{strings.retry}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
