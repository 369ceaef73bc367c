"""Code that runs inside the Rasa runtime: NLU components, classify command, evaluation."""
