using System.Collections;
using System.Reflection;

namespace Kiln.UForge.Tests.Support;

/// <summary>Compares documents property by property, naming the path of the first difference.</summary>
internal static class DeepAssert
{
    public static void Equal(object? expected, object? actual) => Compare(expected, actual, "$");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Assert.True(expected.GetType() == actual.GetType(), $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}");
        switch (expected)
        {
            case string or bool or int or long or DateTimeOffset:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                break;
            case IList list:
                var other = (IList)actual;
                Assert.True(list.Count == other.Count, $"{path}: expected {list.Count} items, got {other.Count}");
                for (var i = 0; i < list.Count; i++)
                {
                    Compare(list[i], other[i], $"{path}[{i}]");
                }

                break;
            default:
                foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                }

                break;
        }
    }
}
