#pragma once
// A real-to-complex FFT of one size (FFTW3), owning its buffers and plans.

#include <complex>
#include <cstddef>

namespace pco {

// Smallest n' >= n of the form 2^a 3^b 5^c 7^d, sizes FFTW transforms fastest.
std::size_t fast_fft_size(std::size_t n);

class RealFft {
 public:
  explicit RealFft(std::size_t n);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return n_; }
  // Real samples, size().
  double* real() { return real_; }
  // Spectrum, size() / 2 + 1 bins.
  std::complex<double>* spectrum() { return reinterpret_cast<std::complex<double>*>(spectrum_); }

  // real -> spectrum: X_k = Σ_j x_j e^{-2πi jk/n}.
  void forward();
  // spectrum -> real, divided by n (so backward(forward(x)) = x). Overwrites the spectrum.
  void backward();

 private:
  std::size_t n_;
  double* real_;
  void* spectrum_;
  void* forward_plan_;
  void* backward_plan_;
};

}  // namespace pco
