using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// A Spot link that passed every rule: defaults applied and the policy plan built. Only
/// <see cref="Resolve"/> makes one, so holding a spec means the options were checked (once).
/// </summary>
public sealed record SpotLinkSpec
{
    private SpotLinkSpec()
    {
    }

    /// <summary>The external id; <see langword="null"/> when it is given at deploy time (a parameter).</summary>
    public string? ExternalId { get; init; }

    /// <summary>The selected bundles.</summary>
    public required BundleSelection Bundles { get; init; }

    /// <summary>The partition.</summary>
    public required SpotPartition Partition { get; init; }

    /// <summary>The Spot AWS account the role trusts.</summary>
    public required string PrincipalAccountId { get; init; }

    /// <summary>The role name.</summary>
    public required string RoleName { get; init; }

    /// <summary>The role's IAM path (<c>/</c> unless given).</summary>
    public string RolePath { get; init; } = SpotSettings.DefaultRolePath;

    /// <summary>The first managed policy's name.</summary>
    public required string PolicyName { get; init; }

    /// <summary>The role's managed-policy quota.</summary>
    public required int MaxManagedPolicies { get; init; }

    /// <summary>The role's permissions boundary (an ARN, or a policy name in the deploying account), if any.</summary>
    public string? PermissionsBoundary { get; init; }

    /// <summary>Tags on the role (and the stack), in the order given.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The least-privilege restrictions the plan was built with.</summary>
    public PolicyRestrictions Restrictions { get; init; } = PolicyRestrictions.None;

    /// <summary>
    /// An upper bound of the synthesized SpotLinkStack template's size in bytes (role, policies as the CDK renders them,
    /// tags, boundary, cdk-nag metadata, rule and outputs): a stack deployed without bootstrap must stay within
    /// CloudFormation's 51,200 bytes for an inline template.
    /// </summary>
    public int EstimatedTemplateBytes =>
        Org.OrgTemplateSize.BaseBytes(Plan, RoleName, PrincipalAccountId, Org.OrgTemplateSize.RoleExtraBytes(Tags, PermissionsBoundary, RolePath))
        + Org.OrgTemplateSize.NagMetadataBytes(Plan);

    /// <summary>The policies to create and attach.</summary>
    public required PolicyPlan Plan { get; init; }

    /// <summary>
    /// What this link creates, as one text (<c>sha256:…</c> over the trust, the role's name, path, boundary and tags, every
    /// policy document and the AWS managed policies): links with the same fingerprint synthesize the same Spot resources.
    /// The stacks record it in the cloud assembly, so a deploying tool can check that the app built what it resolved.
    /// </summary>
    /// <param name="retained">Whether the role and policies are kept when they leave the stack or the stack is deleted (a removal policy other than destroy).</param>
    public string Fingerprint(bool retained = false) => SpecFingerprint.Of(this, retained);

    /// <summary>
    /// This link with <paramref name="externalId"/> (the only setting a tool learns after resolving the rest: from Spot,
    /// once the options are checked), checked by the external id's rule alone; everything else stays as resolved.
    /// </summary>
    /// <param name="externalId">The external id the role trusts.</param>
    /// <exception cref="SpotConnectValidationException">The external id breaks its rule.</exception>
    public SpotLinkSpec WithExternalId(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return SpotSettings.ExternalId.Check(externalId) is { } problem
            ? throw new SpotConnectValidationException(problem)
            : this with { ExternalId = externalId };
    }

    /// <summary>
    /// Applies defaults and checks every rule, once; throws with every problem found. Each problem carries its setting
    /// (<see cref="ValidationProblem.SettingKey"/>): the caller's edge names it (<see cref="SpotSettings.NamedBy"/>).
    /// </summary>
    /// <param name="options">The options as given.</param>
    /// <param name="isDeployTime">Whether a text value is resolved only at deploy time (a CDK token): its checks are skipped, never guessed.</param>
    /// <exception cref="SpotConnectValidationException">One or more options are invalid.</exception>
    public static SpotLinkSpec Resolve(ISpotRoleOptions options, Func<string, bool>? isDeployTime = null)
    {
        var problems = new List<ValidationProblem>();
        return TryResolve(options, problems, isDeployTime) ?? throw new SpotConnectValidationException(problems);
    }

    /// <summary>As <see cref="Resolve"/>, adding each problem to <paramref name="problems"/>.</summary>
    /// <returns>The spec, or <see langword="null"/> when a problem was found.</returns>
    public static SpotLinkSpec? TryResolve(ISpotRoleOptions options, ICollection<ValidationProblem> problems, Func<string, bool>? isDeployTime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        // Each text is asked about once: the packer asks about a resource for every part it tries, and a CDK token
        // check is a round trip to Node (400 KMS keys cost 30,000 of them, 10 s).
        var asked = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        Func<string, bool> deployTime = isDeployTime is null ? _ => false : text => asked.GetOrAdd(text, isDeployTime);
        var before = problems.Count;

        void Check<T>(Setting<T> setting, T? value)
            where T : notnull
        {
            if (value is not null && !(value is string text && deployTime(text)) && setting.Check(value) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var partition = options.Partition ?? SpotPartition.Aws;

        void SamePartition(Setting setting, IEnumerable<string> arns)
        {
            var other = arns.Where(a => InputRules.ArnPartition(a) is { } p && p != partition.Name).ToArray();
            if (other.Length > 0)
            {
                problems.Add(setting.Problem(string.Join(",", other),
                    $"an ARN must name the link's partition '{partition.Name}' (set with {SpotSettings.Partition.Reference}).", [partition.Name]));
            }
        }

        var bundles = options.Bundles ?? BundleSelection.Default;
        var roleName = options.RoleName ?? SpotSettings.DefaultRoleName;
        var policyName = options.PolicyName ?? PolicyPlanOptions.DefaultPolicyName;
        var max = options.MaxManagedPolicies ?? PolicyPlanOptions.DefaultMaxManagedPolicies;

        var externalId = (options as ISpotLinkOptions)?.ExternalId;
        Check(SpotSettings.ExternalId, externalId);
        Check(SpotSettings.RoleName, roleName);
        var rolePath = options.RolePath ?? SpotSettings.DefaultRolePath;
        Check(SpotSettings.RolePath, rolePath);
        var maxProblem = SpotSettings.MaxManagedPolicies.Check(max);
        if (maxProblem is not null)
        {
            problems.Add(maxProblem);
        }

        // The policy name needs room for the "-N" suffix of the last policy the quota allows.
        if (!deployTime(policyName)
            && InputRules.PolicyName(SpotSettings.PolicyName.ContextKey, policyName, maxProblem is null ? max : PolicyPlanOptions.HighestMaxManagedPolicies) is { } policyProblem)
        {
            problems.Add(SpotSettings.PolicyName.Problem(policyProblem.Value, policyProblem.Rule, policyProblem.ValidChoices));
        }

        var principal = options.PrincipalAccountId ?? partition.SpotAccountId;
        if (principal is null)
        {
            problems.Add(SpotSettings.PrincipalAccountId.Problem(null,
                $"required in partition '{partition.Name}' ({partition.Description}): Spot does not publish its AWS account there. Ask Spot support for the account id to trust."));
        }
        else
        {
            Check(SpotSettings.PrincipalAccountId, principal);
        }

        Check(SpotSettings.PermissionsBoundary, options.RolePermissionsBoundary);
        if (options.RolePermissionsBoundary is { } boundary && !deployTime(boundary))
        {
            SamePartition(SpotSettings.PermissionsBoundary, [boundary]);
        }

        // Deploy-time values (tokens) inside lists and maps are left to CloudFormation, as single values are.
        // A deploy-time key or value is not checked, but still counts toward IAM's 50 tags: it gets a valid stand-in.
        Check(SpotSettings.Tags, options.Tags?.Select((t, i) => (Key: deployTime(t.Key) ? $"deploy-time-key-{i}" : t.Key, Value: deployTime(t.Value) ? "deploy-time" : t.Value))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        IReadOnlyList<string>? Literal(IReadOnlyList<string>? list) =>
            list is null || list.Count == 0 ? list : list.Where(v => !deployTime(v)).ToArray() is { Length: > 0 } literal ? literal : null;
        Check(SpotSettings.Regions, Literal(options.Regions));
        if (options.Regions?.Any(deployTime) == true)
        {
            // A deploy-time list (a CommaDelimitedList parameter) could expand to every region in every split statement: the packer could not count it.
            problems.Add(SpotSettings.Regions.Problem(string.Join(",", options.Regions),
                "regions must be known when the template is synthesized: each becomes part of every regional statement's condition, which the packer counts against IAM's policy size limit."));
        }
        if (options.Regions is { Count: > 0 } regions)
        {
            var known = LeastPrivilegeData.Spot.Regions.Of(partition.Name);
            var unknown = regions.Where(r => !deployTime(r) && !known.Contains(r, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0 && InputRules.Regions(SpotSettings.Regions.ContextKey, regions.Where(r => !deployTime(r)).ToArray()) is null)
            {
                problems.Add(SpotSettings.Regions.Problem(string.Join(",", regions),
                    $"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Length == 1 ? "is not a region" : "are not regions")} of partition '{partition.Name}' ({partition.Description}).",
                    known));
            }
        }

        Check(SpotSettings.KmsKeyArns, Literal(options.KmsKeyArns));
        if (options.KmsKeyArns is { } keys)
        {
            SamePartition(SpotSettings.KmsKeyArns, keys.Where(k => !deployTime(k)));
            var regionsOfPartition = LeastPrivilegeData.Spot.Regions.Of(partition.Name);
            var elsewhere = keys.Where(k => !deployTime(k) && InputRules.ArnPartition(k) == partition.Name && k.Split(':') is { Length: > 3 } parts && !regionsOfPartition.Contains(parts[3], StringComparer.Ordinal)).ToArray();
            if (elsewhere.Length > 0)
            {
                problems.Add(SpotSettings.KmsKeyArns.Problem(string.Join(",", elsewhere),
                    $"a key's region must be a region of partition '{partition.Name}' ({partition.Description}).", regionsOfPartition));
            }
        }

        Check(SpotSettings.LogBucket, options.LogBucket);

        // Outside 'aws' Spot supports only its default permissions, as its console does.
        if (!partition.AllowsCustomSelection && !bundles.IsDefault)
        {
            problems.Add(SpotSettings.Bundles.Problem(bundles.Given ?? bundles.ToString(),
                $"in partition '{partition.Name}' ({partition.Description}) Spot supports only its default permissions, as its console does.",
                [bundles.Catalog.DefaultKeyword]));
        }

        if (problems.Count > before)
        {
            return null;
        }

        try
        {
            var restrictions = new PolicyRestrictions
            {
                Regions = options.Regions ?? [],
                RestrictToSpotResources = options.RestrictToSpotResources ?? false,
                KmsKeyArns = (options.KmsKeyArns ?? []).Select(PartitionAware).ToArray(),
                LogBucket = options.LogBucket,
            };
            var plan = PolicyBuilder.For(bundles.Catalog).Build(bundles, new PolicyPlanOptions
            {
                Restrictions = restrictions,
                IsDeployTime = deployTime,
                PolicyName = policyName,
                MaxManagedPolicies = max,
            });
            return new SpotLinkSpec
            {
                ExternalId = externalId,
                Bundles = bundles,
                Partition = partition,
                PrincipalAccountId = principal!,
                RoleName = roleName,
                RolePath = rolePath,
                PolicyName = policyName,
                MaxManagedPolicies = max,
                PermissionsBoundary = options.RolePermissionsBoundary,
                Tags = options.Tags is { } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(),
                Restrictions = restrictions,
                Plan = plan,
            };
        }
        catch (SpotConnectValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                problems.Add(OfSetting(problem));
            }

            return null;
        }
    }

    /// <summary>A problem <see cref="PolicyBuilder"/> found, as a problem with the setting behind the input it names (see <see cref="PolicyPlanOptions"/>).</summary>
    private static ValidationProblem OfSetting(ValidationProblem problem) => problem.Field switch
    {
        PolicyPlanOptions.SelectionInput => SpotSettings.Bundles.Problem(problem.Value, problem.Rule, problem.ValidChoices),
        PolicyPlanOptions.MaxManagedPoliciesInput => SpotSettings.MaxManagedPolicies.Problem(problem.Value, problem.Rule, problem.ValidChoices),
        PolicyPlanOptions.ExtraGrantsInput => SpotSettings.KmsKeyArns.Problem(problem.Value, problem.Rule, problem.ValidChoices) with
        {
            Field = $"{SpotSettings.KmsKeyArns.ContextKey}/{SpotSettings.LogBucket.ContextKey}",
            FieldTemplate = $"{SpotSettings.KmsKeyArns.Reference}/{SpotSettings.LogBucket.Reference}",
        },
        _ => problem,
    };

    /// <summary>An ARN with its partition replaced by <c>${AWS::Partition}</c>, as every ARN in SpotConnect's statements is.</summary>
    private static string PartitionAware(string arn) =>
        InputRules.ArnPartition(arn) is { } partition ? $"arn:{CatalogStatement.PartitionPlaceholder}{arn[(4 + partition.Length)..]}" : arn;
}
