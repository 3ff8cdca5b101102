/**
 * A button that opens a dialog: marked as the place Fluent returns focus to when the dialog
 * closes (tabster's restore target), since the dialogs here are mounted on demand rather than
 * through a DialogTrigger.
 */
import { Button, useRestoreFocusTarget, type ButtonProps } from '@fluentui/react-components';

export function OpenerButton(props: ButtonProps) {
  const restoreFocus = useRestoreFocusTarget();
  return <Button {...restoreFocus} {...props} />;
}
