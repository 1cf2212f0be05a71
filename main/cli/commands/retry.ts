// `faxdesk retry ID`: a waiting, failed or held message goes back to the queue at once.
import { messageAction } from '../messageAction';

export const retryCommand = messageAction('retry', 'Send a waiting, failed or held message again now', (outbox, id) => outbox.retryNow(id));
