// `faxdesk cancel ID`: a message that is not delivered is not sent (any more).
import { messageAction } from '../messageAction';

export const cancelCommand = messageAction('cancel', 'Cancel a message that is not delivered yet', (outbox, id) => outbox.cancel(id));
