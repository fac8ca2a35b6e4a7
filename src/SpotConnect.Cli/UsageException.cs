using SpotConnect.Validation;

namespace SpotConnect.Cli;

/// <summary>Invalid command-line input found while running a command (exit code 2).</summary>
internal sealed class UsageException(ValidationProblem problem) : Exception(problem.Message)
{
    public ValidationProblem Problem { get; } = problem;
}
