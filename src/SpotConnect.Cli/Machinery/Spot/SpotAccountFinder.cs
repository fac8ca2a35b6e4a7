namespace SpotConnect.Spot;

/// <summary>
/// Finds an AWS account's Spot account in Spot's account list, for <c>link prepare</c> and <c>org prepare</c> alike,
/// without creating anything: the one given, else the one the state records, else one connected to the AWS account,
/// else the one account a create recorded as started made (a kill or a lost answer: it counts as created by
/// SpotConnect). An unconnected account of the name that SpotConnect has no record of creating is reported, never
/// taken: only <c>--spot-account</c> takes it. Creating (after the start is recorded) is the caller's step.
/// </summary>
internal static partial class SpotAccountFinder
{
    /// <summary>The rule of a Spot account id, as messages state it.</summary>
    public const string IdRule = "a Spot account id is 'act-' and 8 hexadecimal characters, e.g. act-1a2b3c4d.";

    /// <summary>Whether <paramref name="id"/> is a Spot account id (<see cref="IdRule"/>).</summary>
    public static bool IsId(string id) => IdPattern().IsMatch(id);

    [System.Text.RegularExpressions.GeneratedRegex("^act-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();

    /// <summary>How far before a recorded create start a Spot account's <c>createdAt</c> may lie (clock skew) and still be that create's account.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>The AWS account's Spot account in <paramref name="listed"/>.</summary>
    /// <param name="awsAccountId">The AWS account.</param>
    /// <param name="given">The Spot account given for it (<c>--spot-account</c>), if any; it must be listed and not connected to another AWS account.</param>
    /// <param name="recorded">The Spot account its state records, if any.</param>
    /// <param name="createStartedAt">When its state records a create as started, if it does.</param>
    /// <param name="name">The name a create gives it (the name a started create used).</param>
    /// <param name="listed">Spot's accounts, listed once.</param>
    /// <param name="claimed">Accounts another AWS account of the same run already holds (never found twice); none by default.</param>
    /// <exception cref="Validation.SpotConnectValidationException">The given account is not listed or belongs to another AWS account.</exception>
    public static SpotAccountMatch Find(
        string awsAccountId, string? given, string? recorded, DateTimeOffset? createStartedAt, string name, IReadOnlyList<SpotAccount> listed, Func<string, bool>? claimed = null)
    {
        ArgumentNullException.ThrowIfNull(listed);
        claimed ??= _ => false;
        if (given is not null)
        {
            var account = listed.FirstOrDefault(s => s.Id == given)
                ?? throw Refused(given, "is not an account of this Spot organization.");
            return account.ConnectedAwsAccountId is { } other && other != awsAccountId
                ? throw Refused(given, $"is connected to AWS account {other}, not {awsAccountId}.")
                : new(SpotAccountFinding.Given, account, [account]);
        }

        if (recorded is not null)
        {
            return listed.FirstOrDefault(s => s.Id == recorded) is { } known
                ? new(SpotAccountFinding.Recorded, known, [known])
                : new(SpotAccountFinding.RecordedMissing, null, []);
        }

        var connected = listed.Where(s => s.ConnectedAwsAccountId == awsAccountId && !claimed(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        if (connected.Length > 0)
        {
            return new(SpotAccountFinding.Connected, connected[0], connected);
        }

        var candidates = Unconnected(name, createStartedAt, listed, claimed);
        return (candidates.Count, createStartedAt) switch
        {
            (0, _) => new(SpotAccountFinding.None, null, []),
            (1, not null) => new(SpotAccountFinding.MadeByStartedCreate, candidates[0], candidates),
            (_, not null) => new(SpotAccountFinding.Ambiguous, null, candidates),
            _ => new(SpotAccountFinding.Unrecorded, null, candidates),
        };
    }

    /// <summary>
    /// The unconnected accounts named <paramref name="name"/> that no other AWS account holds; with a create
    /// <paramref name="started"/>, only those Spot made after it (less <see cref="ClockSkew"/>) or does not date (so
    /// an undated account never wins silently over another).
    /// </summary>
    private static List<SpotAccount> Unconnected(string name, DateTimeOffset? started, IEnumerable<SpotAccount> listed, Func<string, bool> claimed) =>
        listed.Where(s => s.ConnectedAwsAccountId is null
                          && string.Equals(s.Name, name, StringComparison.Ordinal)
                          && !claimed(s.Id)
                          && (started is null || s.CreatedAt is null || s.CreatedAt >= started - ClockSkew))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

    private static Validation.SpotConnectValidationException Refused(string given, string rule) =>
        new(new Validation.ValidationProblem(GivenOption, given, $"this Spot account {rule}"));

    /// <summary>The option that hands SpotConnect an account it did not create.</summary>
    public const string GivenOption = "--spot-account";
}
