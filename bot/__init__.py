"""Award-trivia bot: answers, quizzes and daily posts from a sourced fact store."""

__version__ = "0.1.0"
