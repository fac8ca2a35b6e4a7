using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Configuration;

/// <summary>
/// The validated description of a Spot link: every default applied, every rule checked, and the policy
/// plan built. Plain C#: the CLI and the app check inputs with it before anything touches the CDK.
/// </summary>
public sealed record SpotLinkSpec
{
    /// <summary>The default role name, as in Spot's console.</summary>
    public const string DefaultRoleName = "Spot-Role";

    /// <summary>The default name of the first managed policy, as in Spot's console.</summary>
    public const string DefaultPolicyName = "Spot-Policy";

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

    /// <summary>The first managed policy's name.</summary>
    public required string PolicyName { get; init; }

    /// <summary>The role's managed-policy quota.</summary>
    public required int MaxManagedPolicies { get; init; }

    /// <summary>The policies to create and attach.</summary>
    public required PolicyPlan Plan { get; init; }

    /// <summary>Applies defaults and checks every rule; throws once with every problem found.</summary>
    /// <exception cref="SpotConnectValidationException">One or more inputs are invalid.</exception>
    public static SpotLinkSpec Resolve(SpotLinkInputs inputs, SpotLinkFieldNames names)
    {
        var problems = new List<ValidationProblem>();
        var spec = TryResolve(inputs, names, problems);
        return spec ?? throw new SpotConnectValidationException(problems);
    }

    /// <summary>Applies defaults and checks every rule, adding each problem to <paramref name="problems"/>.</summary>
    /// <returns>The spec, or <see langword="null"/> when a problem was found.</returns>
    public static SpotLinkSpec? TryResolve(SpotLinkInputs inputs, SpotLinkFieldNames names, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;

        var partition = inputs.Partition ?? SpotPartition.Aws;
        var bundles = inputs.Bundles ?? BundleSelection.Default;
        var roleName = inputs.RoleName ?? DefaultRoleName;
        var policyName = inputs.PolicyName ?? DefaultPolicyName;
        var max = inputs.MaxManagedPolicies ?? PolicyPlanOptions.DefaultMaxManagedPolicies;

        if (inputs.ExternalId is not null && !inputs.ExternalIdResolvedAtDeploy)
        {
            Add(problems, InputRules.ExternalId(names.ExternalId, inputs.ExternalId));
        }

        Add(problems, InputRules.RoleName(names.RoleName, roleName));
        var maxProblem = InputRules.MaxManagedPolicies(names.MaxManagedPolicies, max);
        Add(problems, maxProblem);
        Add(problems, InputRules.PolicyName(names.PolicyName, policyName, maxProblem is null ? max : PolicyPlanOptions.HighestMaxManagedPolicies));

        var principal = inputs.PrincipalAccountId ?? partition.SpotAccountId;
        if (principal is null)
        {
            problems.Add(new(names.PrincipalAccountId, null,
                $"required in partition '{partition.Name}' ({partition.Description}): Spot does not publish its AWS account there. Ask Spot support for the account id to trust."));
        }
        else
        {
            Add(problems, InputRules.AccountId(names.PrincipalAccountId, principal));
        }

        Add(problems, InputRules.SelectionAllowedIn(names.Bundles, bundles, partition));

        PolicyPlan? plan = null;
        if (problems.Count == before)
        {
            try
            {
                plan = PolicyBuilder.For(bundles.Catalog).Build(bundles, Options(policyName, max, names));
            }
            catch (SpotConnectValidationException e)
            {
                foreach (var p in e.Problems)
                {
                    problems.Add(p);
                }
            }
        }

        if (problems.Count > before || plan is null)
        {
            return null;
        }

        return new SpotLinkSpec
        {
            ExternalId = inputs.ExternalId,
            Bundles = bundles,
            Partition = partition,
            PrincipalAccountId = principal!,
            RoleName = roleName,
            PolicyName = policyName,
            MaxManagedPolicies = max,
            Plan = plan,
        };
    }

    private static PolicyPlanOptions Options(string policyName, int max, SpotLinkFieldNames names) => new()
    {
        PolicyName = policyName,
        MaxManagedPolicies = max,
        BundlesField = names.Bundles,
        MaxManagedPoliciesField = names.MaxManagedPolicies,
    };

    private static void Add(ICollection<ValidationProblem> problems, ValidationProblem? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
