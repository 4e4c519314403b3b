"""Conference pages: `scheduling` (a case's conferences, invitations, the answer link,
calendars), `meeting` (the meeting page and its minutes) and `funding`."""
