#ifndef ROTWIZ_CORE_EXPLAIN_H
#define ROTWIZ_CORE_EXPLAIN_H

/*
 * A failed rotation's last message in plain words.  The server stores
 * what Azure's Graph said when it refused to add or remove a client secret
 * ("Failed to add client secret to Azure app OBJECT_ID: Insufficient
 * privileges to complete the operation."); an admin wants the cause and
 * what to change.  Every front-end (curses detail, plain detail, `rotwiz
 * show`, `rotwiz status`) uses this one table, so they say the same.
 */

/*
 * For a lastRotationMessage, a sentence naming the known cause and its fix,
 * or NULL when the message is not a known one (then show the message
 * itself, through the terminal rule).  The sentence is static text: it
 * never repeats the server's bytes.
 */
const char *core_explain_rotation_message(const char *message);

#endif
