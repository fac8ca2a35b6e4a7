using SpotConnect.Catalog;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Policies;

/// <summary>
/// Turns a bundle selection into managed policy documents: plain C#, no CDK, no Node. Statements keep
/// Spot's Sids and canonical order, redundant actions are dropped (see <see cref="ReducedStatement"/>),
/// and whole bundles are packed into as few policies of at most <see cref="PolicyPlanOptions.SizeLimit"/>
/// characters as possible.
/// </summary>
public sealed class PolicyBuilder
{
    private static readonly Lazy<PolicyBuilder> SpotBuilder = new(() => new PolicyBuilder(BundleCatalog.Spot));

    private readonly IReadOnlyDictionary<string, ReducedStatement> _reduced;

    private readonly Dictionary<string, int> _sizes;

    /// <summary>Creates a builder for <paramref name="catalog"/>; de-duplication is worked out once, here.</summary>
    public PolicyBuilder(BundleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        _reduced = StatementReducer.Reduce(catalog);
        _sizes = _reduced.ToDictionary(kv => kv.Key, kv => kv.Value.Statement.Size, StringComparer.Ordinal);
    }

    /// <summary>The builder for the built-in catalog.</summary>
    public static PolicyBuilder Spot => SpotBuilder.Value;

    /// <summary>The builder for <paramref name="catalog"/>: the shared one for the built-in catalog, else a new one.</summary>
    public static PolicyBuilder For(BundleCatalog catalog) =>
        ReferenceEquals(catalog, BundleCatalog.Spot) ? Spot : new PolicyBuilder(catalog);

    /// <summary>The catalog this builder serves.</summary>
    public BundleCatalog Catalog { get; }

    /// <summary>The statement with this Sid as it goes into policies, with what was dropped from it.</summary>
    internal ReducedStatement Reduced(string sid) => _reduced[sid];

    /// <summary>The statements a bundle contributes, as they go into policies.</summary>
    public IReadOnlyList<PolicyStatementSpec> StatementsOf(PermissionBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Statements.Select(s => _reduced[s.Sid].Statement).ToArray();
    }

    /// <summary>Characters a bundle's statements add to a policy when alone (commas between them included).</summary>
    public int SizeOf(PermissionBundle bundle) => UnitSize(StatementsOf(bundle));

    /// <summary>Builds the plan for a selection.</summary>
    /// <exception cref="SpotConnectValidationException">
    /// A bundle alone exceeds the size limit, or the selection needs more managed policies than allowed.
    /// </exception>
    public PolicyPlan Build(BundleSelection selection, PolicyPlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        options ??= new PolicyPlanOptions();
        if (!ReferenceEquals(selection.Catalog, Catalog))
        {
            throw new ArgumentException("The selection was made from a different catalog than this builder's.", nameof(selection));
        }

        // Units: each selected bundle with the statements no earlier bundle already brought, then the extra grants.
        var shaper = options.Restrictions.IsNone ? null : new StatementShaper(options.Restrictions, LeastPrivilegeData.Spot);
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<(string Label, string? BundleId, IReadOnlyList<PolicyStatementSpec> Statements)>();
        foreach (var bundle in selection.Bundles)
        {
            var fresh = bundle.Statements.Where(s => emitted.Add(s.Sid)).Select(s => _reduced[s.Sid].Statement).ToArray();
            if (fresh.Length > 0)
            {
                units.Add((bundle.Id, bundle.Id, shaper is null ? fresh : fresh.SelectMany(shaper.Shape).ToArray()));
            }
        }

        // Each extra statement is a unit of its own, and one with many resources (KMS keys) is cut into parts that
        // each fit a policy (Sids AllowUseOfTheKey, AllowUseOfTheKey2, …), so the quota, not one policy, is the bound.
        var capacity = options.SizeLimit - PolicyJson.EmptyDocumentSize;
        foreach (var extra in ExtraGrants(options.Restrictions))
        {
            foreach (var part in Parts(extra, shaper, capacity, options.IsDeployTime))
            {
                units.Add((string.Join(",", part.Select(statement => statement.Sid)), null, part));
            }
        }

        var awsManaged = selection.Bundles.SelectMany(b => b.AwsManagedPolicies).Distinct(StringComparer.Ordinal).ToArray();
        var sizes = units.Select(u => UnitSize(u.Statements) + DeployTimeAllowance(u.Statements, options.IsDeployTime)).ToArray();

        var oversized = units.Zip(sizes).Where(x => x.Second > capacity).ToArray();
        if (oversized.Length > 0)
        {
            throw new SpotConnectValidationException(oversized.Select(x => new ValidationProblem(
                x.First.BundleId is null ? PolicyPlanOptions.ExtraGrantsInput : PolicyPlanOptions.SelectionInput,
                x.First.Label,
                $"{(x.First.BundleId is null ? "these grants" : "this bundle's statements")} take {x.Second:N0} characters, more than the {capacity:N0} a managed policy of {options.SizeLimit:N0} characters can hold.")).ToArray());
        }

        var room = options.MaxManagedPolicies - awsManaged.Length;
        var assignment = PolicyPacker.Pack(sizes, capacity, room);
        if (assignment is null)
        {
            var needed = PolicyPacker.Pack(sizes, capacity, units.Count)!.Max() + 1;
            var awsNote = awsManaged.Length > 0 ? $" plus {awsManaged.Length} AWS managed ({string.Join(", ", awsManaged)})" : string.Empty;
            throw new SpotConnectValidationException(new ValidationProblem(
                PolicyPlanOptions.MaxManagedPoliciesInput,
                options.MaxManagedPolicies.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"the selection '{selection}' needs {needed} customer managed policies{awsNote}, {needed + awsManaged.Length} in all, more than the role may have attached. Select fewer bundles, or raise the role's IAM quota (up to {PolicyPlanOptions.HighestMaxManagedPolicies}) and this setting with it."));
        }

        var count = assignment.Length == 0 ? 0 : assignment.Max() + 1;
        var policies = Enumerable.Range(0, count).Select(p =>
        {
            var members = units.Where((_, i) => assignment[i] == p).ToArray();
            return new ManagedPolicySpec(
                options.NameOf(p),
                members.Where(m => m.BundleId is not null).Select(m => m.BundleId!).ToArray(),
                members.SelectMany(m => m.Statements).ToArray());
        }).ToArray();

        return new PolicyPlan { Selection = selection, Policies = policies, AwsManagedPolicies = awsManaged };
    }

    /// <summary>The statements of the extra grants Spot documents, on exactly the resources given.</summary>
    private static List<PolicyStatementSpec> ExtraGrants(PolicyRestrictions restrictions)
    {
        var data = LeastPrivilegeData.Spot;
        var statements = new List<PolicyStatementSpec>();
        if (restrictions.KmsKeyArns.Count > 0)
        {
            statements.AddRange(data.KmsKeys.Statements.Select(s => new PolicyStatementSpec(s.Sid, Sorted(s.Actions), restrictions.KmsKeyArns)));
        }

        if (restrictions.LogBucket is { } bucket)
        {
            statements.AddRange(data.LogBucket.Statements.Select(s => new PolicyStatementSpec(s.Sid, Sorted(s.Actions), [$"arn:{CatalogStatement.PartitionPlaceholder}:s3:::{bucket}/*"])));
        }

        return statements;
    }

    /// <summary>The statement, shaped, cut by resources into parts that each fit <paramref name="capacity"/> (one part when it fits whole).</summary>
    private IEnumerable<IReadOnlyList<PolicyStatementSpec>> Parts(PolicyStatementSpec statement, StatementShaper? shaper, int capacity, Func<string, bool>? isDeployTime)
    {
        IReadOnlyList<PolicyStatementSpec> Shaped(IReadOnlyList<string> resources, int index) =>
            (statement with { Sid = index == 0 ? statement.Sid : $"{statement.Sid}{index + 1}", Resources = resources }) is var part && shaper is not null ? shaper.Shape(part) : [part];
        int Size(IReadOnlyList<PolicyStatementSpec> part) => UnitSize(part) + DeployTimeAllowance(part, isDeployTime);

        var current = new List<string>();
        var index = 0;
        foreach (var resource in statement.Resources)
        {
            if (current.Count > 0 && Size(Shaped([.. current, resource], index)) > capacity)
            {
                yield return Shaped(current.ToArray(), index++);
                current.Clear();
            }

            current.Add(resource);
        }

        yield return Shaped(current.ToArray(), index);
    }

    /// <summary>Extra characters for resources whose text is a placeholder for a deploy-time value.</summary>
    private static int DeployTimeAllowance(IEnumerable<PolicyStatementSpec> statements, Func<string, bool>? isDeployTime) =>
        isDeployTime is null ? 0
            : statements.SelectMany(s => s.Resources).Where(isDeployTime).Sum(r => Math.Max(0, PolicyPlanOptions.DeployTimeResourceAllowance - r.Length));

    /// <summary>Actions in the order aws-cdk-lib renders them (ordinal), so the CLI prints exactly the template's documents.</summary>
    private static string[] Sorted(IEnumerable<string> actions) => actions.Order(StringComparer.Ordinal).ToArray();

    private int UnitSize(IReadOnlyList<PolicyStatementSpec> statements) =>
        statements.Count == 0 ? 0 : statements.Sum(SizeOf) + statements.Count - 1;

    /// <summary>A catalog statement's size was measured once; a shaped or extra statement is measured here.</summary>
    private int SizeOf(PolicyStatementSpec statement) =>
        _sizes.TryGetValue(statement.Sid, out var size) && ReferenceEquals(_reduced[statement.Sid].Statement, statement) ? size : statement.Size;
}
