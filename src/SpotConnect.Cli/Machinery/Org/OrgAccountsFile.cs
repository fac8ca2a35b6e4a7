using System.Text.Json;
using System.Text.RegularExpressions;
using SpotConnect.Validation;

namespace SpotConnect.Org;

/// <summary>
/// Reads the output of <c>aws organizations list-accounts</c> (<c>{"Accounts":[{"Id","Arn","Name","State"|"Status",…}]}</c>):
/// prefers the newer <c>State</c> field, falls back to <c>Status</c>. Every problem of the file is reported at once,
/// naming the file, the account's position and the field.
/// </summary>
internal static partial class OrgAccountsFile
{
    /// <summary>Reads and checks the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="field">How the user named it (for messages), e.g. <c>--accounts</c>.</param>
    /// <param name="problems">Where problems go; nothing is returned for a file with problems.</param>
    public static IReadOnlyList<OrgAwsAccount> Read(string path, string field, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(field, path, $"cannot read the file ({e.Message}); give the output of `aws organizations list-accounts`."));
            return [];
        }

        return Parse(text, path, field, problems);
    }

    /// <summary>Parses the file's text.</summary>
    public static IReadOnlyList<OrgAwsAccount> Parse(string text, string path, string field, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            problems.Add(new(field, path, $"not JSON ({e.Message}); give the output of `aws organizations list-accounts`."));
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Accounts", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new(field, path, "has no \"Accounts\" array; give the output of `aws organizations list-accounts` (JSON, e.g. {\"Accounts\":[{\"Id\":\"123456789012\",\"Name\":\"prod\",\"State\":\"ACTIVE\"}]})."));
                return [];
            }

            var before = problems.Count;
            var accounts = new List<OrgAwsAccount>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"in {path}, Accounts[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new(field, item.GetRawText(), $"{at}: each account must be an object with Id, Name and State (or Status)."));
                    continue;
                }

                var id = Text(item, "Id");
                if (id is null || !AccountId().IsMatch(id))
                {
                    problems.Add(new(field, id, $"{at}.Id: an AWS account id is exactly 12 digits."));
                    continue;
                }

                var state = Text(item, "State") ?? Text(item, "Status");
                if (state is null)
                {
                    problems.Add(new(field, null, $"{at}: account {id} has neither State nor Status (ACTIVE, SUSPENDED, PENDING_CLOSURE, …)."));
                    continue;
                }

                if (!seen.Add(id))
                {
                    problems.Add(new(field, id, $"{at}.Id: the account is listed twice."));
                    continue;
                }

                accounts.Add(new OrgAwsAccount(id, Text(item, "Name"), state.ToUpperInvariant(), Text(item, "Arn")));
            }

            return problems.Count > before ? [] : accounts;
        }
    }

    /// <summary>
    /// The management account named by the accounts' ARNs (<c>arn:&lt;partition&gt;:organizations::&lt;management&gt;:account/…</c>),
    /// when they agree on one.
    /// </summary>
    public static string? ManagementAccountFromArns(IEnumerable<OrgAwsAccount> accounts) =>
        ArnParts(accounts, "management");

    /// <summary>The partition named by the accounts' ARNs, when they agree on one.</summary>
    public static string? PartitionFromArns(IEnumerable<OrgAwsAccount> accounts) =>
        ArnParts(accounts, "partition");

    private static string? ArnParts(IEnumerable<OrgAwsAccount> accounts, string group)
    {
        var values = accounts.Select(a => a.Arn is null ? null : OrganizationsArn().Match(a.Arn))
            .Where(m => m is { Success: true })
            .Select(m => m!.Groups[group].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return values.Count == 1 ? values[0] : null;
    }

    private static string? Text(JsonElement item, string key) =>
        item.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^arn:(?<partition>aws|aws-us-gov|aws-cn):organizations::(?<management>[0-9]{12}):account/")]
    private static partial Regex OrganizationsArn();
}
