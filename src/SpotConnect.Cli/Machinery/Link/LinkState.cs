namespace SpotConnect.Link;

/// <summary>
/// What <c>spot-connect link</c> has done so far, in the state file (default <c>spot-link.json</c>), so every
/// step can run alone and a failed run continues where it stopped. Holds no secret: the external id is not
/// one (anyone who can read the role sees it), and the Spot token is never written.
/// </summary>
internal sealed record LinkState
{
    /// <summary>The state file format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The AWS account connected (12 digits).</summary>

    public required string AwsAccountId { get; init; }

    /// <summary>The AWS partition of the account.</summary>

    public required string Partition { get; init; }

    /// <summary>Who prepared the link in AWS (the STS caller ARN).</summary>

    public string? CallerArn { get; init; }

    /// <summary>
    /// The Spot account (<c>act-…</c>) linked to the AWS account; <see langword="null"/> only while the create of a new one
    /// is recorded as started (<see cref="SpotAccountCreateStartedAt"/>) and its answer has not been seen.
    /// </summary>
    public string? SpotAccountId { get; init; }

    /// <summary>
    /// When <c>link prepare</c> sent the create of a Spot account named <see cref="SpotAccountName"/>, saved before the
    /// request left: a run killed (or an answer lost) from then on finds exactly that account in the next run and records
    /// it as created by SpotConnect. <see langword="null"/> once the create's outcome is known.
    /// </summary>
    public DateTimeOffset? SpotAccountCreateStartedAt { get; init; }

    /// <summary>The Spot account prepare found or created; a state whose create is still pending is refused, with what to run.</summary>
    /// <param name="statePath">The state file, for the message.</param>
    /// <exception cref="Validation.SpotConnectValidationException">Prepare has not finished.</exception>
    public string PreparedSpotAccountId(string statePath) => SpotAccountId ?? throw new Validation.SpotConnectValidationException(
        new Validation.ValidationProblem("--state", statePath,
            $"records a Spot account create started {SpotAccountCreateStartedAt:u} whose outcome is not known yet: run `spot-connect link prepare` again (it takes the account that create made)."));

    /// <summary>The Spot account's name.</summary>

    public string? SpotAccountName { get; init; }

    /// <summary>Whether SpotConnect created the Spot account.</summary>

    public bool SpotAccountCreated { get; init; }

    /// <summary>The external id the role trusts (not a secret: anyone who can read the role sees it).</summary>

    public string? ExternalId { get; init; }

    /// <summary>Until when Spot accepts the external id while no role uses it.</summary>

    public DateTimeOffset? ExternalIdValidUntil { get; init; }

    /// <summary>The CloudFormation stack that holds the role.</summary>

    public string? StackName { get; init; }

    /// <summary>The role deployed (and registered) for Spot.</summary>

    public string? RoleArn { get; init; }

    /// <summary>When the stack was last deployed.</summary>

    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>When Spot confirmed the role.</summary>

    public DateTimeOffset? LinkedAt { get; init; }

    /// <summary>The external id changed since the role was registered: register again even if Spot holds the same ARN.</summary>
    public bool RegistrationRequired { get; init; }

    /// <summary>
    /// How the Spot account was found (<see cref="Spot.SpotAccountSources"/>: <c>created</c>, <c>connected</c>,
    /// <c>adopted</c>, <c>given</c>); <see langword="null"/> in states written before it was recorded. Only a
    /// <c>created</c> account (<see cref="SpotAccountCreated"/>) may ever be deleted.
    /// </summary>
    public string? SpotAccountSource { get; init; }

    /// <summary>When <c>link disconnect --yes</c> destroyed the stack (<see cref="StackName"/>); cleared by the next deploy.</summary>
    public DateTimeOffset? StackDestroyedAt { get; init; }

    /// <summary>
    /// The stack the state recorded (only a successful deploy names it; prepare carries it over, also when the Spot
    /// account or the external id changes) and not destroyed since, if any: deploys and plans default to it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? StandingStackName => StackDestroyedAt is null ? StackName : null;

    /// <summary>
    /// The problem with deploying the link as <paramref name="stackName"/> while its stack stands under another name (a
    /// second role for the same account), or <see langword="null"/>.
    /// </summary>
    public Validation.ValidationProblem? OtherStackProblem(string stackName) =>
        StandingStackName is { } standing && standing != stackName
            ? Settings.SpotSettings.StackName.Problem(stackName, $"the link is deployed as stack '{standing}' (the state): another stack would create a second role for this account. Deploy '{standing}' (the default), or take it down first with `spot-connect link disconnect`.")
            : null;

    /// <summary>When <c>link disconnect --delete-spot-account --yes</c> was about to send the delete (saved before it is sent; outcome unknown while <see cref="SpotAccountDeletedAt"/> is unset).</summary>
    public DateTimeOffset? SpotAccountDeleteStartedAt { get; init; }

    /// <summary>When the Spot account (<see cref="SpotAccountId"/>) was confirmed gone (deleted, or answered <c>Account_DOESNT_EXIST</c>).</summary>
    public DateTimeOffset? SpotAccountDeletedAt { get; init; }

    /// <summary>
    /// What the last successful <c>link deploy</c> deployed (settings, role, policy documents), for <c>link plan</c> and
    /// the guard against a silent role replacement; <see langword="null"/> in states written before it was recorded.
    /// </summary>
    public Plan.LinkDeployRecord? Deployed { get; init; }
}
