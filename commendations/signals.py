"""What other parts of the app may react to. Receivers are connected in
CommendationsConfig.ready, in one place; they run inside the sender's transaction, so anything
that leaves the process (a Celery task, an e-mail) must be sent with transaction.on_commit."""

from django.dispatch import Signal

# Sent by services.decisions.decision_issue inside the issuing transaction, with
# decision=<Decision>, nominations=<list of approved Nomination>, actor=<user>. A receiver that
# raises rolls the whole issue back (certificate numbering relies on this).
decision_issued = Signal()
