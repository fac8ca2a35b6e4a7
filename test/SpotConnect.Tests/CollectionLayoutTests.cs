using System.Reflection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>
/// jsii is not thread-safe: a test class that lands outside <see cref="JsiiCollection"/> runs beside it and, once it
/// touches the CDK, breaks runs at random. Only the classes that start child processes and nothing else may.
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class CollectionLayoutTests
{
    private static readonly string[] ChildProcessCollections = [AppProcessTests.Name, PackageTests.Name];

    [Fact]
    public void Every_test_class_names_its_collection_and_only_child_process_classes_leave_the_CDK_one()
    {
        var classes = typeof(CollectionLayoutTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToArray();
        Assert.Contains(typeof(SpotLinkStackTests), classes);

        // xunit 2's CollectionAttribute keeps its name only as the constructor's argument.
        var collections = classes.ToDictionary(t => t.Name, t => t.GetCustomAttributesData()
            .SingleOrDefault(a => a.AttributeType == typeof(CollectionAttribute))?.ConstructorArguments.Single().Value as string);
        Assert.Empty(collections.Where(c => c.Value is null).Select(c => c.Key));
        Assert.Equal(["AppProcessTests", "PackageTests"], collections.Where(c => c.Value != JsiiCollection.Name).Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(collections.Where(c => c.Value != JsiiCollection.Name), c => Assert.Contains(c.Value, ChildProcessCollections));
    }
}
