using System.Globalization;
using System.Text.RegularExpressions;

namespace SpotConnect.Validation;

/// <summary>
/// The IAM and STS rules for SpotConnect's inputs. Each check returns the problem, or <see langword="null"/>
/// when the value is valid; the caller names the field as its user knows it.
/// </summary>
public static partial class InputRules
{
    /// <summary>Shortest external id STS accepts.</summary>
    public const int ExternalIdMinLength = 2;

    /// <summary>Longest external id STS accepts.</summary>
    public const int ExternalIdMaxLength = 1224;

    /// <summary>The external id character class, as a CloudFormation <c>AllowedPattern</c>.</summary>
    public const string ExternalIdPattern = "[\\w+=,.@:/-]*";

    /// <summary>Longest IAM role name.</summary>
    public const int RoleNameMaxLength = 64;

    /// <summary>Longest IAM managed policy name.</summary>
    public const int PolicyNameMaxLength = 128;

    /// <summary>Checks an <c>sts:ExternalId</c> value: 2–1,224 characters of <c>[\w+=,.@:/-]</c>.</summary>
    public static ValidationProblem? ExternalId(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new(field, value, $"an external id is {ExternalIdMinLength}–{ExternalIdMaxLength:N0} characters of letters, digits and _+=,.@:/- (copy it from the Spot console).");
        }

        if (value.Length is < ExternalIdMinLength or > ExternalIdMaxLength || !ExternalIdChars().IsMatch(value))
        {
            return new(field, Shorten(value), $"an external id is {ExternalIdMinLength}–{ExternalIdMaxLength:N0} characters of letters, digits and _+=,.@:/- (got {Describe(value, ExternalIdChars())}).");
        }

        return null;
    }

    /// <summary>Longest IAM path.</summary>
    public const int PathMaxLength = 512;

    /// <summary>
    /// Checks an IAM path: <c>/</c>, or one that starts and ends with <c>/</c>, 1–512 characters of U+0021–U+007E
    /// (IAM's <c>(\u002F)|(\u002F[\u0021-\u007E]+\u002F)</c>).
    /// </summary>
    public static ValidationProblem? RolePath(string field, string? value)
    {
        if (value is "/")
        {
            return null;
        }

        var rule = $"an IAM path is '/' or starts and ends with '/', 1–{PathMaxLength} characters from '!' to '~' (no spaces), e.g. /vendor/spot/";
        if (string.IsNullOrEmpty(value))
        {
            return new(field, value, rule + ".");
        }

        var bad = value.Where(c => c is < '!' or > '~').Distinct().ToArray();
        if (bad.Length > 0)
        {
            return new(field, Shorten(value), $"{rule} (got {string.Join(" ", bad.Select(c => char.IsWhiteSpace(c) ? "whitespace" : $"'{c}'"))}).");
        }

        if (value.Length > PathMaxLength)
        {
            return new(field, Shorten(value), $"{rule} (got {value.Length} characters).");
        }

        return value.Length < 3 || value[0] != '/' || value[^1] != '/'
            ? new(field, value, rule + ".")
            : null;
    }

    /// <summary>Checks an IAM role name: 1–64 characters of <c>[\w+=,.@-]</c>.</summary>
    public static ValidationProblem? RoleName(string field, string? value) =>
        IamName(field, value, RoleNameMaxLength, "a role name");

    /// <summary>
    /// Checks a managed policy name: 1–128 characters of <c>[\w+=,.@-]</c>, with room for the
    /// <c>-N</c> suffix of the <paramref name="maxPolicies"/>-th policy.
    /// </summary>
    public static ValidationProblem? PolicyName(string field, string? value, int maxPolicies)
    {
        var suffix = maxPolicies > 1 ? $"-{maxPolicies}" : string.Empty;
        var limit = PolicyNameMaxLength - suffix.Length;
        var problem = IamName(field, value, limit, "a policy name");
        return problem is null || suffix.Length == 0
            ? problem
            : problem with { Rule = problem.Rule + $" The limit is {PolicyNameMaxLength} less {suffix.Length} for the '{suffix}' suffix of further policies." };
    }

    /// <summary>Checks a CloudFormation stack name: a letter, then up to 127 letters, digits and hyphens.</summary>
    public static ValidationProblem? StackName(string field, string? value) =>
        value is not null && StackNameChars().IsMatch(value)
            ? null
            : new(field, value is null ? null : Shorten(value), "a CloudFormation stack name starts with a letter and has up to 128 letters, digits and hyphens.");

    /// <summary>Checks an AWS account id: exactly 12 digits.</summary>
    public static ValidationProblem? AccountId(string field, string? value) =>
        value is not null && AccountDigits().IsMatch(value)
            ? null
            : new(field, value, "an AWS account id is exactly 12 digits.");

    /// <summary>Parses a whole number, or records why not.</summary>
    public static int? ParseInt(string field, string? value, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems.Add(new(field, value, "must be a whole number."));
        return null;
    }

    /// <summary>Parses a boolean (<c>true</c>/<c>false</c>, any case), or records why not.</summary>
    public static bool? ParseBool(string field, string? value, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (bool.TryParse(value?.Trim(), out var flag))
        {
            return flag;
        }

        problems.Add(new(field, value, "must be a boolean.", ["true", "false"]));
        return null;
    }

    private static ValidationProblem? IamName(string field, string? value, int maxLength, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || !IamNameChars().IsMatch(value))
        {
            var got = string.IsNullOrEmpty(value) ? "nothing" : Describe(value, IamNameChars());
            return new(field, value is null ? null : Shorten(value), $"{what} is 1–{maxLength} characters of letters, digits and _+=,.@- (got {got}).");
        }

        return null;
    }

    private static string Describe(string value, Regex allowed)
    {
        var bad = value.Where(c => !allowed.IsMatch(c.ToString())).Distinct().ToArray();
        var named = bad.Select(c => char.IsWhiteSpace(c) ? "whitespace" : $"'{c}'").Distinct().ToArray();
        return named.Length switch
        {
            0 => $"{value.Length} characters",
            1 => $"{value.Length} characters, with {named[0]}, which is not allowed",
            _ => $"{value.Length} characters, with {string.Join(", ", named[..^1])} and {named[^1]}, which are not allowed",
        };
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";

    [GeneratedRegex("^[A-Za-z0-9_+=,.@:/-]+$")]
    private static partial Regex ExternalIdChars();

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]+$")]
    private static partial Regex IamNameChars();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$")]
    private static partial Regex StackNameChars();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountDigits();
}
