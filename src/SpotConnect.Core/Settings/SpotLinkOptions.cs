using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Settings;

/// <summary>The options of one Spot link as a plain record, for code without the CDK (the CLI, tests); see <see cref="ISpotLinkOptions"/>.</summary>
public sealed record SpotLinkOptions : ISpotLinkOptions
{
    /// <inheritdoc />
    public string? ExternalId { get; init; }

    /// <inheritdoc />
    public BundleSelection? Bundles { get; init; }

    /// <inheritdoc />
    public SpotPartition? Partition { get; init; }

    /// <inheritdoc />
    public string? PrincipalAccountId { get; init; }

    /// <inheritdoc />
    public string? RoleName { get; init; }

    /// <inheritdoc />
    public string? RolePath { get; init; }

    /// <inheritdoc />
    public string? PolicyName { get; init; }

    /// <inheritdoc />
    public int? MaxManagedPolicies { get; init; }

    /// <inheritdoc />
    public string? RolePermissionsBoundary { get; init; }

    /// <inheritdoc />
    public IDictionary<string, string>? Tags { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string>? Regions { get; init; }

    /// <inheritdoc />
    public bool? RestrictToSpotResources { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string>? KmsKeyArns { get; init; }

    /// <inheritdoc />
    public string? LogBucket { get; init; }

    /// <summary>The link's options among <paramref name="values"/> (each a setting's parsed value, as the app and the CLI parse them); absent ones stay <see langword="null"/>.</summary>
    public static SpotLinkOptions From(IReadOnlyDictionary<Setting, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        T? Get<T>(Setting<T> setting) where T : class => values.GetValueOrDefault(setting) as T;
        T? Value<T>(Setting<T> setting) where T : struct => values.GetValueOrDefault(setting) as T?;
        return new SpotLinkOptions
        {
            ExternalId = Get(SpotSettings.ExternalId),
            Bundles = Get(SpotSettings.Bundles),
            Partition = Get(SpotSettings.Partition),
            PrincipalAccountId = Get(SpotSettings.PrincipalAccountId),
            RoleName = Get(SpotSettings.RoleName),
            RolePath = Get(SpotSettings.RolePath),
            PolicyName = Get(SpotSettings.PolicyName),
            MaxManagedPolicies = Value(SpotSettings.MaxManagedPolicies),
            RolePermissionsBoundary = Get(SpotSettings.PermissionsBoundary),
            Tags = Get(SpotSettings.Tags) is { } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
            Regions = Get(SpotSettings.Regions),
            RestrictToSpotResources = Value(SpotSettings.RestrictToSpotResources),
            KmsKeyArns = Get(SpotSettings.KmsKeyArns),
            LogBucket = Get(SpotSettings.LogBucket),
        };
    }
}
