using System.Text;

namespace Kiln.Builder.Processes;

/// <summary>Keeps the last lines a tool wrote, so an error can show them without holding all output in memory.</summary>
internal sealed class OutputTail(int maxLines)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line.Length > 500 ? line[..500] + "..." : line);
            while (_lines.Count > maxLines)
                _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
                text.AppendLine(line);
            return text.ToString();
        }
    }
}
