using System.Globalization;
using System.Text.Json;
using SpotConnect.Cdk;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Configuration;

/// <summary>
/// Everything the SpotConnect CDK app reads: the <c>spot:*</c> context keys, each falling back to its
/// environment variable and then to its default, all checked at once.
/// </summary>
public sealed record SpotLinkAppSettings
{
    /// <summary>The stack name (and construct id).</summary>
    public required string StackName { get; init; }

    /// <summary>Whether the target account is bootstrapped.</summary>
    public required bool Bootstrapped { get; init; }

    /// <summary>Whether the role and policies outlive the stack.</summary>
    public required bool RetainOnDelete { get; init; }

    /// <summary>The validated link, with its policy plan.</summary>
    public required SpotLinkSpec Spec { get; init; }

    /// <summary>
    /// Reads and checks every setting. <paramref name="context"/> returns a context value or
    /// <see langword="null"/>; <paramref name="environment"/> an environment variable or <see langword="null"/>.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">One or more settings are invalid; every problem is listed.</exception>
    public static SpotLinkAppSettings Read(Func<string, object?> context, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        var names = SpotLinkFieldNames.Context;
        var problems = new List<ValidationProblem>();

        string? Get(string key)
        {
            var value = AsString(context(key));
            if (value is null && ContextKeys.EnvironmentFallbacks.TryGetValue(key, out var variable))
            {
                // An empty variable counts as unset, as CI systems export unset variables as empty strings.
                value = environment(variable) is { Length: > 0 } set && !string.IsNullOrWhiteSpace(set) ? set : null;
            }

            return value;
        }

        T? Parse<T>(string key, Func<string, T> parse)
            where T : class
        {
            var raw = Get(key);
            if (raw is null)
            {
                return null;
            }

            try
            {
                return parse(raw);
            }
            catch (SpotConnectValidationException e)
            {
                problems.AddRange(e.Problems);
                return null;
            }
        }

        var stackName = Get(ContextKeys.StackName) ?? SpotLinkStack.DefaultStackName;
        if (InputRules.StackName(names.StackName, stackName) is { } stackProblem)
        {
            problems.Add(stackProblem);
        }

        var bundles = Parse(ContextKeys.Bundles, raw => BundleSelection.Parse(raw, names.Bundles));
        var partition = Parse(ContextKeys.Partition, raw => SpotPartition.Parse(raw, names.Partition));
        var maxRaw = Get(ContextKeys.MaxManagedPolicies);
        var max = maxRaw is null ? null : InputRules.ParseInt(names.MaxManagedPolicies, maxRaw, problems);
        var bootstrappedRaw = Get(ContextKeys.Bootstrapped);
        var bootstrapped = bootstrappedRaw is null ? false : InputRules.ParseBool(names.Bootstrapped, bootstrappedRaw, problems);
        var retainRaw = Get(ContextKeys.RetainOnDelete);
        var retain = retainRaw is null ? false : InputRules.ParseBool(names.RetainOnDelete, retainRaw, problems);

        var externalId = Get(ContextKeys.ExternalId);
        var inputs = new SpotLinkInputs(
            ExternalId: externalId,
            Bundles: bundles,
            Partition: partition,
            PrincipalAccountId: Get(ContextKeys.PrincipalAccountId),
            RoleName: Get(ContextKeys.RoleName),
            PolicyName: Get(ContextKeys.PolicyName),
            MaxManagedPolicies: max);

        // A partition or selection that failed to parse must not add follow-on problems about defaults.
        var spec = SpotLinkSpec.TryResolve(inputs, names, problems);
        if (problems.Count > 0 || spec is null)
        {
            // Report in the contract's key order, whatever order the checks ran in.
            var rank = ContextKeys.All.Select((key, index) => (key, index)).ToDictionary(x => x.key, x => x.index);
            throw new SpotConnectValidationException(problems.Distinct()
                .OrderBy(p => rank.GetValueOrDefault(p.Field, int.MaxValue))
                .ToArray());
        }

        return new SpotLinkAppSettings
        {
            StackName = stackName,
            Bootstrapped = bootstrapped ?? false,
            RetainOnDelete = retain ?? false,
            Spec = spec,
        };
    }

    /// <summary>The props for <see cref="SpotLinkStack"/>.</summary>
    public SpotLinkStackProps ToStackProps() => new()
    {
        StackName = StackName,
        ExternalId = Spec.ExternalId,
        Bundles = Spec.Bundles,
        Partition = Spec.Partition,
        PrincipalAccountId = Spec.PrincipalAccountId,
        RoleName = Spec.RoleName,
        PolicyName = Spec.PolicyName,
        MaxManagedPolicies = Spec.MaxManagedPolicies,
        Bootstrapped = Bootstrapped,
        RetainOnDelete = RetainOnDelete,
    };

    /// <summary>A context value as text: strings as they are, lists joined with commas, JSON booleans and numbers as JSON writes them.</summary>
    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        System.Collections.IEnumerable list => string.Join(",", list.Cast<object?>().Select(AsString)), // ["ocean", "ocean.eks"] in cdk.json
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };
}
