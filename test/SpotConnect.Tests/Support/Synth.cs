using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.CXAPI;
using SpotConnect.Cdk;
using SpotConnect.Selection;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Synthesizes stacks the way the app does: cdk.json's feature flags, a real cloud assembly on disk (in the run's
/// <see cref="Scratch"/> folder). The stacks whose inputs can be compared (the app from a context; the library stack
/// without props) are synthesized once per run and shared: each caller gets its own copy of the template JSON.
/// </summary>
internal static class Synth
{
    private static readonly Dictionary<string, Synthesized> Shared = new(StringComparer.Ordinal);

    private static readonly Lazy<IDictionary<string, object>> FeatureFlags = new(() =>
    {
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "cdk.json")))!;
        return cdkJson["context"]!.AsObject().ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value));
    });

    /// <summary>A stack as a library user builds it: <c>new SpotLinkStack(app, id, props)</c>.</summary>
    public static Synthesized Stack(SpotLinkStackProps? props = null, string id = "SpotLinkStack") =>
        props is null ? Once("stack " + id, () => Build(app => new SpotLinkStack(app, id, props))) : Build(app => new SpotLinkStack(app, id, props));

    /// <summary>The external id of <see cref="Selection"/>'s stacks.</summary>
    public const string SelectionExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-";

    /// <summary>
    /// A library user's SpotLinkStack for <paramref name="bundles"/> (as written) with <see cref="SelectionExternalId"/>
    /// and every other prop at its default: synthesized once per run, for every test that checks a selection.
    /// </summary>
    public static Synthesized Selection(string bundles) =>
        Once("selection " + bundles, () => Build(app => new SpotLinkStack(app, "SpotLinkStack", new SpotLinkStackProps
        {
            Bundles = BundleSelection.Parse(bundles),
            ExternalId = SelectionExternalId,
        })));

    /// <summary>The stack as the SpotConnect app builds it from context (as <c>cdk synth -c key=value</c> gives it).</summary>
    public static Synthesized App(Dictionary<string, object>? context = null) =>
        Once("app " + Key(context), () => Build(app => (SpotLinkStack)SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(k => context?.GetValueOrDefault(k), _ => null))));

    /// <summary>The run's one synthesis for <paramref name="key"/> (a failed one is not kept), with its own copy of the JSON.</summary>
    private static Synthesized Once(string key, Func<Synthesized> synthesize)
    {
        // The CDK tests run serially (jsii): no lock needed beyond the dictionary's own consistency.
        lock (Shared)
        {
            if (!Shared.TryGetValue(key, out var synthesized))
            {
                synthesized = synthesize();
                Shared[key] = synthesized;
            }

            return synthesized with { Json = (JsonObject)synthesized.Json.DeepClone() };
        }
    }

    /// <summary>A context as text, independent of its order: only string, bool, number and string-list values occur.</summary>
    private static string Key(Dictionary<string, object>? context) =>
        context is null ? "{}" : new JsonObject(context.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, kv.Value switch
        {
            string s => (JsonNode?)JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            double d => JsonValue.Create(d),
            int i => JsonValue.Create(i),
            IEnumerable<string> list => new JsonArray(list.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
            JsonNode node => node.DeepClone(),
            var other => throw new InvalidOperationException($"no key for a context value of type {other?.GetType()}"),
        }))).ToJsonString();

    /// <summary>A SpotOrgStack (or whichever stack <paramref name="add"/> builds), synthesized as the app does; no assertion template (large ones would cost seconds).</summary>
    public static SynthesizedOrg Org(Func<Amazon.CDK.App, Stack> add)
    {
        var (stack, text, assembly, outdir) = Run(add);
        return new SynthesizedOrg(stack, JsonNode.Parse(text)!.AsObject(), text, assembly, outdir);
    }

    private static Synthesized Build(Func<Amazon.CDK.App, SpotLinkStack> add)
    {
        var (stack, text, assembly, outdir) = Run(add);
        return new Synthesized(stack, JsonNode.Parse(text)!.AsObject(), text, assembly, outdir);
    }

    private static (TStack Stack, string Text, CloudAssembly Assembly, string Outdir) Run<TStack>(Func<Amazon.CDK.App, TStack> add)
        where TStack : Stack
    {
        var outdir = Scratch.Folder("spotconnect-test-").FullName;
        var app = new Amazon.CDK.App(new AppProps { Outdir = outdir, Context = new Dictionary<string, object>(FeatureFlags.Value) });
        var stack = add(app);
        var assembly = app.Synth();
        var path = assembly.GetStackArtifact(stack.ArtifactId).TemplateFullPath;
        return (stack, File.ReadAllText(path), assembly, outdir);
    }

    /// <summary>An app with cdk.json's feature flags, writing to <paramref name="outdir"/> (for stacks the helpers above do not build, such as a stage's).</summary>
    public static Amazon.CDK.App NewApp(string outdir) =>
        new(new AppProps { Outdir = outdir, Context = new Dictionary<string, object>(FeatureFlags.Value) });

    /// <summary>
    /// An app as <c>new App()</c> gives it to a user's code (no feature flags), writing into the run's
    /// <see cref="Scratch"/> folder: an app without an outdir makes a cdk.out* folder in the temp directory that nothing removes.
    /// </summary>
    public static Amazon.CDK.App PlainApp() => new(new AppProps { Outdir = Scratch.Folder("spotconnect-app-").FullName });

    private static object ToPlain(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(ToPlain).ToArray(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.GetValue<string>(),
        _ => throw new InvalidOperationException("Unexpected context value " + node?.ToJsonString()),
    };
}
