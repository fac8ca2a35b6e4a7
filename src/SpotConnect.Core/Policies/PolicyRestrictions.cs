namespace SpotConnect.Policies;

/// <summary>
/// The least-privilege options that shape the statements of a plan (see <c>docs/least-privilege.md</c>):
/// regions, Spot-tagged resources, and the extra grants Spot documents. The default restricts nothing and adds
/// nothing: Spot's published policy as is.
/// </summary>
public sealed record PolicyRestrictions
{
    /// <summary>No restriction, no extra grant.</summary>
    public static PolicyRestrictions None { get; } = new();

    /// <summary>The regions regional actions are allowed in (<c>aws:RequestedRegion</c>); empty: every region.</summary>
    /// <remarks>Default: empty. Actions of global services stay allowed from anywhere.</remarks>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Whether Spot's destructive EC2 actions are allowed only on resources that carry Spot's tag.</summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool RestrictToSpotResources { get; init; }

    /// <summary>KMS key ARN templates (<c>arn:${AWS::Partition}:kms:…</c>) Spot may use for encrypted EBS volumes.</summary>
    /// <remarks>Default: none.</remarks>
    public IReadOnlyList<string> KmsKeyArns { get; init; } = [];

    /// <summary>The S3 bucket Spot may write exported logs to.</summary>
    /// <remarks>Default: none.</remarks>
    public string? LogBucket { get; init; }

    /// <summary>Whether the statement <paramref name="sid"/> of a plan is one of the KMS key grants <see cref="KmsKeyArns"/> adds (as split by regions or tags).</summary>
    public static bool IsKmsKeyGrant(string sid) =>
        Catalog.LeastPrivilegeData.Spot.KmsKeys.Statements.Any(k => sid.StartsWith(k.Sid, StringComparison.Ordinal));

    /// <summary>Whether the statement <paramref name="sid"/> of a plan is the log bucket grant <see cref="LogBucket"/> adds (as split by regions).</summary>
    public static bool IsLogBucketGrant(string sid) =>
        Catalog.LeastPrivilegeData.Spot.LogBucket.Statements.Any(l => sid.StartsWith(l.Sid, StringComparison.Ordinal));

    /// <summary>Whether these options change nothing.</summary>
    public bool IsNone => Regions.Count == 0 && !RestrictToSpotResources && KmsKeyArns.Count == 0 && LogBucket is null;
}
