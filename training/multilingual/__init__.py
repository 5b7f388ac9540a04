"""Training code for the multilingual paragraph-technique heads (SemEval-2023 Task 3); not shipped."""
