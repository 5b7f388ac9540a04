"""Training code for the persuasion-technique model (SemEval-2020 Task 11); not shipped."""
