// `faxdesk release ID`: a held message (an uncertain delivery reviewed) goes back to the queue.
import { messageAction } from '../messageAction';

export const releaseCommand = messageAction('release', 'Release a held message into the queue', (outbox, id) => outbox.release(id));
