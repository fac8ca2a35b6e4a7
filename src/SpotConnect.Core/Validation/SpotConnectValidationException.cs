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

    /// <summary>
    /// The same problems with settings named by <paramref name="nameOf"/> (see <see cref="ValidationProblem.Named"/>),
    /// repeats dropped, in the order <paramref name="rank"/> gives a setting's key (problems with other inputs after them, as found).
    /// </summary>
    public SpotConnectValidationException Named(Func<string, string> nameOf, Func<string, int>? rank = null)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        var order = rank ?? (_ => 0);
        return new SpotConnectValidationException(Problems
            .Select((problem, index) => (Problem: problem.Named(nameOf), Rank: problem.SettingKey is { } key ? order(key) : int.MaxValue, Index: index))
            .OrderBy(p => p.Rank).ThenBy(p => p.Index)
            .Select(p => p.Problem)
            .Distinct()
            .ToArray());
    }

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
