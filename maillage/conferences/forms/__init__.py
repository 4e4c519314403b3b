"""Input validation for the conference pages: `scheduling` (planning, cancelling,
inviting, answering), `meeting` (the meeting page and the minutes) and `funding` (the
export). The rules live in the actions."""
