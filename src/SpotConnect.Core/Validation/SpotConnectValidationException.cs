namespace SpotConnect.Validation;

/// <summary>
/// Thrown when one or more inputs are invalid. Carries every problem found, not only the first, so a user
/// can fix them all in one go.
/// </summary>
public sealed class SpotConnectValidationException : Exception
{
    /// <summary>Creates the exception for the given problems (at least one).</summary>
    public SpotConnectValidationException(IReadOnlyList<ValidationProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public SpotConnectValidationException(ValidationProblem problem)
        : this([problem])
    {
    }

    /// <summary>Every problem found, in the order the inputs were checked.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is required.", nameof(problems));
        }

        return problems.Count == 1
            ? problems[0].Message
            : $"{problems.Count} invalid inputs:{Environment.NewLine}"
              + string.Join(Environment.NewLine, problems.Select(p => "  - " + p.Message));
    }
}
