using System.Text.Json.Serialization;
using SpotConnect.Validation;

namespace SpotConnect.Org;

/// <summary>
/// What <c>spot-connect org</c> knows about an AWS Organization's connection to Spot, in the state file
/// (default <c>spot-org.json</c>). Meant to be committed: it holds no secret (external ids are not secrets,
/// the Spot token is never written). <c>org prepare</c> writes it as it goes; the app reads it
/// (<c>spot:orgState</c>) to synthesize <c>SpotOrgStack</c>; <c>org register</c> and <c>org status</c> read it.
/// </summary>
public sealed partial record OrgState
{
    /// <summary>The rule of a StackSets deployment target, as messages state it.</summary>
    public const string TargetRule = "an organizational unit id is ou-<4-32 lowercase letters or digits>-<8-32 lowercase letters or digits> (e.g. ou-ab12-cd34ef56) and a root id is r-<4-32 lowercase letters or digits> (e.g. r-ab12).";

    /// <summary>Whether <paramref name="id"/> is a StackSets deployment target: an organizational unit (<c>ou-…</c>) or root (<c>r-…</c>) id (<see cref="TargetRule"/>).</summary>
    public static bool IsTarget(string id) => OrganizationTarget().IsMatch(id);

    /// <summary>
    /// The problem with administering this state's StackSets as <paramref name="callAs"/> while the state records another
    /// administrator (the StackSets would not be found, or found twice), or <see langword="null"/>: the one rule of
    /// <c>spot:orgCallAs</c> against the state, for the app and the tool alike.
    /// </summary>
    public ValidationProblem? CallAsProblem(OrgCallAs callAs) =>
        CallAs is { } recorded && recorded != callAs
            ? Settings.SpotSettings.OrgCallAs.Problem(callAs.ToText(),
                $"this state's StackSets are administered as {recorded.ToText()}. To change that deliberately, change callAs in the state file (a reviewed change), then run again.",
                [recorded.ToText()])
            : null;

    [System.Text.RegularExpressions.GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$")]
    private static partial System.Text.RegularExpressions.Regex OrganizationTarget();

    /// <summary>The current state file format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The state file format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The AWS partition of the organization.</summary>
    public required string Partition { get; init; }

    /// <summary>The organization's management account (12 digits): StackSets never deploy to it.</summary>
    public required string ManagementAccountId { get; init; }

    /// <summary>The target organizational units or the root (<c>ou-…</c>, <c>r-…</c>) the StackSets deploy to.</summary>
    public required IReadOnlyList<string> TargetOus { get; init; }

    /// <summary>
    /// The region the StackSets' instances were deployed in (recorded by <c>org deploy</c>). Later deploys default to
    /// it and refuse another: moving would delete every member account's role and create it again elsewhere.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>Whom the StackSets are administered as (<c>SELF</c> or <c>DELEGATED_ADMIN</c> in the file; recorded by the first <c>org prepare</c>); later runs default to it.</summary>
    public OrgCallAs? CallAs { get; init; }

    /// <summary>The StackSets, in creation order. An account never moves from one to another once deployed.</summary>
    public IReadOnlyList<OrgStackSet> StackSets { get; init; } = [];

    /// <summary>Every account seen, ordered by AWS account id.</summary>
    public IReadOnlyList<OrgAccount> Accounts { get; init; } = [];

    /// <summary>
    /// What the last successful <c>org deploy</c>/<c>org sync</c> deployed (settings, member role and policies, accounts per
    /// StackSet, the management account's role), for <c>org plan</c> and the guard against a silent role replacement;
    /// <see langword="null"/> in states written before it was recorded.
    /// </summary>
    public Plan.OrgDeployRecord? Deployed { get; init; }

    /// <summary>
    /// The stack the last recorded deploy was (<c>spot:stackName</c> of <see cref="Deployed"/>): the app, <c>org deploy</c> and
    /// <c>org plan</c> default to it, so a later run never deploys the same StackSets from a second stack.
    /// </summary>
    [JsonIgnore]
    public string? DeployedStackName => Deployed?.Settings.GetValueOrDefault(Settings.SpotSettings.StackName.ContextKey);

    /// <summary>
    /// The problem with deploying the rollout as <paramref name="stackName"/> when the last recorded deploy named another
    /// stack (it would create the same StackSets again), or <see langword="null"/>.
    /// </summary>
    public Validation.ValidationProblem? OtherStackProblem(string stackName) =>
        DeployedStackName is { } deployed && deployed != stackName
            ? Settings.SpotSettings.StackName.Problem(stackName, $"the organization's StackSets are deployed by stack '{deployed}' (the state): another stack would create the same StackSets again. Use '{deployed}' (the default); to move them, see docs/change-and-retire.md.")
            : null;

    /// <summary>The file this state was read from (<see cref="Load"/>), for messages; not written to the file.</summary>
    [JsonIgnore]
    public string? SourcePath { get; init; }

    /// <summary>Reads an org state file (<c>spot-org.json</c>) as <c>spot-connect org prepare</c> writes it, any earlier version included.</summary>
    /// <param name="path">The state file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SpotConnectValidationException">The file is not an org state.</exception>
    public static OrgState Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return OrgStateStore.Load(path, path)
            ?? throw new FileNotFoundException($"No org state file at {Path.GetFullPath(path)}: give the path of the org state file.", path);
    }
}
