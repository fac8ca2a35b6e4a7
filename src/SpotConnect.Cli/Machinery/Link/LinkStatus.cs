using SpotConnect.Status;

namespace SpotConnect.Link;

/// <summary>How far a link is: what <c>link status</c> reports.</summary>
internal enum LinkConnection
{
    /// <summary>Deployed and registered with Spot: nothing is due.</summary>
    Connected,

    /// <summary>A step is due (<see cref="LinkStatus.Next"/>).</summary>
    Incomplete,

    /// <summary><c>link disconnect</c> destroyed the stack or deleted the Spot account: nothing is due until the account is connected again.</summary>
    Disconnected,
}

/// <summary>
/// What a link's state file records, read as an admin asks it: which Spot account, which role and when, with which
/// settings and policies, whether Spot has the role, and the next step when one is due. Derived from the state only:
/// no Spot, AWS or CDK call.
/// </summary>
internal sealed record LinkStatus
{
    /// <summary>The state file read.</summary>
    public required string StateFile { get; init; }

    /// <summary>Where the link stands.</summary>
    public required LinkConnection Connection { get; init; }

    /// <summary>The AWS account.</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>Its partition.</summary>
    public required string Partition { get; init; }

    /// <summary>The Spot account (<c>act-…</c>), if known.</summary>
    public string? SpotAccountId { get; init; }

    /// <summary>The Spot account's name.</summary>
    public string? SpotAccountName { get; init; }

    /// <summary>How the Spot account was found: <c>created</c> (by SpotConnect), <c>connected</c>, <c>adopted</c>, <c>given</c>.</summary>
    public string? SpotAccountSource { get; init; }

    /// <summary>When <c>link disconnect --delete-spot-account</c> deleted the Spot account.</summary>
    public DateTimeOffset? SpotAccountDeletedAt { get; init; }

    /// <summary>The external id the role trusts.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The stack that holds the role.</summary>
    public string? StackName { get; init; }

    /// <summary>When the stack was last deployed.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>When <c>link disconnect</c> destroyed the stack.</summary>
    public DateTimeOffset? StackDestroyedAt { get; init; }

    /// <summary>The role's ARN.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Whether Spot holds the role as deployed now.</summary>
    public required bool Registered { get; init; }

    /// <summary>When Spot confirmed the role.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>The settings the last deploy recorded, by context key (empty for a state written before deploys were recorded).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The customer managed policies the last deploy recorded.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>The AWS managed policies the last deploy attached.</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>The step that is due, if any.</summary>
    public DueStep? Next { get; init; }

    /// <summary>The end of a command's last line: the next command and why, or that nothing is due.</summary>
    public string NextText() => Next is { } next ? $"Next: `{next.Command}` ({next.Reason})." : "Nothing else is due.";

    /// <summary>The status <paramref name="state"/> records.</summary>
    /// <param name="state">The link's state.</param>
    /// <param name="stateFile">The state file, as the user named it.</param>
    public static LinkStatus Of(LinkState state, string stateFile)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = NextOf(state);
        return new LinkStatus
        {
            StateFile = stateFile,
            Connection = next is not null ? LinkConnection.Incomplete : Disconnected(state) ? LinkConnection.Disconnected : LinkConnection.Connected,
            AwsAccountId = state.AwsAccountId,
            Partition = state.Partition,
            SpotAccountId = state.SpotAccountId,
            SpotAccountName = state.SpotAccountName,
            SpotAccountSource = state.SpotAccountSource ?? (state.SpotAccountCreated ? Spot.SpotAccountSources.Created : null),
            SpotAccountDeletedAt = state.SpotAccountDeletedAt,
            ExternalId = state.ExternalId,
            StackName = state.StackName,
            DeployedAt = state.DeployedAt,
            StackDestroyedAt = state.StackDestroyedAt,
            RoleArn = state.RoleArn,
            Registered = IsRegistered(state),
            RegisteredAt = state.LinkedAt,
            Settings = state.Deployed?.Settings ?? new Dictionary<string, string>(),
            Policies = state.Deployed?.Policies.Select(p => p.Name).ToArray() ?? [],
            AwsManagedPolicies = state.Deployed?.AwsManagedPolicies ?? [],
            Next = next,
        };
    }

    /// <summary>Whether <c>link disconnect</c> took the link apart: the stack destroyed, or the Spot account deleted (the role kept with <c>--keep-role</c>).</summary>
    private static bool Disconnected(LinkState state) => state.StackDestroyedAt is not null || state.SpotAccountDeletedAt is not null;

    private static bool IsRegistered(LinkState state) =>
        state.LinkedAt is not null && !state.RegistrationRequired && state.SpotAccountDeletedAt is null && state.StackDestroyedAt is null;

    /// <summary>The step that is due: the first of finish a delete, prepare, deploy, register that the state still lacks.</summary>
    private static DueStep? NextOf(LinkState state)
    {
        if (state is { SpotAccountDeleteStartedAt: { } started, SpotAccountDeletedAt: null })
        {
            return new("spot-connect link disconnect --delete-spot-account --yes", $"the delete of Spot account {state.SpotAccountId} started {started:u} and its outcome is not known");
        }

        if (Disconnected(state))
        {
            return null; // disconnected on purpose: nothing is due until someone connects the account again
        }

        if (state.SpotAccountId is null)
        {
            return new("spot-connect link prepare", $"a Spot account create started {state.SpotAccountCreateStartedAt:u} and its outcome is not recorded");
        }

        if (state.ExternalId is null)
        {
            return new("spot-connect link prepare", "the state has no external id yet");
        }

        if (state.LinkedAt is not null && !state.RegistrationRequired)
        {
            return null; // Spot holds the role (also one made by hand and given to `link register --role-arn`)
        }

        if (state.DeployedAt is null)
        {
            return new("spot-connect link deploy", state.RoleArn is null
                ? "the role is not deployed yet"
                : "the external id changed since the role was deployed: the role must trust the new one");
        }

        // Deployed, and Spot does not hold the role (the case it does returned above).
        return new("spot-connect link register", state.RegistrationRequired
            ? $"the role changed since Spot last confirmed it: Spot must be given {state.RoleArn}"
            : $"Spot does not have the role yet: it must be given {state.RoleArn}");
    }
}
